namespace Alliance.Contracts.Imports;

/// <summary>
/// The file a user starts an organization tree import from (docs/api.md, "Organization tree import"): the header and a
/// small example tree. The gateway serves it; the organization service's reader accepts it.
/// </summary>
public static class OrganizationTreeTemplate
{
    public const string Csv =
        "code,name,kind,parentCode,parentPath\r\n" +
        "C1,示例集团党委,党委,,\r\n" +
        "G1,机关党总支,党总支,C1,\r\n" +
        "B1,第一党支部,党支部,G1,\r\n" +
        "P1,第一党小组,党小组,B1,\r\n" +
        "B2,第二党支部,branch,C1,\r\n";
}
