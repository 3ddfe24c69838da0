using System.Text;
using Alliance.Organization.Import;
using Alliance.Organization.Organizations;

namespace Alliance.Organization.Tests.Import;

/// <summary>The CSV reader and the import plan, without a database: what each row of a file would become.</summary>
public class TreeImportPlanTests
{
    static readonly Guid Subsidiary = Guid.NewGuid();
    static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    static IReadOnlyList<TreeImportRow> Read(string csv) => OrganizationTreeCsv.Read(Encoding.UTF8.GetBytes(csv));

    static OrganizationTreeImportPlan Plan(string csv, params PartyOrganization[] existing) =>
        OrganizationTreeImportPlan.For(Subsidiary, Read(csv), existing, Now);

    static PlannedRow Row(OrganizationTreeImportPlan plan, string code) => plan.Rows.Single(r => r.Row.Code == code);

    static void ShouldFail(PlannedRow row, string column, string messagePart)
    {
        row.Outcome.Should().Be(RowOutcome.Error, row.Message);
        row.Column.Should().Be(column);
        row.Message.Should().Contain(messagePart);
    }

    const string Header = "code,name,kind,parentCode\n";

    [Fact]
    public void A_tree_plans_every_row_as_a_create_with_paths_and_depths_parents_first()
    {
        // Children are written before their parents on purpose.
        var plan = Plan(Header + "P1,第一党小组,group,B1\nB1,第一党支部,branch,G1\nG1,机关党总支,general-branch,C1\nC1,集团党委,committee,\n");

        plan.HasErrors.Should().BeFalse();
        plan.CreateCount.Should().Be(4);
        plan.ToCreate.Select(r => r.Row.Code).Should().Equal("C1", "G1", "B1", "P1");
        var committee = Row(plan, "C1").Organization!;
        var group = Row(plan, "P1").Organization!;
        committee.Depth.Should().Be(0);
        group.Depth.Should().Be(3);
        group.Path.Should().Be(string.Join('/', new[] { "C1", "G1", "B1", "P1" }.Select(c => Row(plan, c).Organization!.Id)));
        group.ParentId.Should().Be(Row(plan, "B1").Organization!.Id);
        plan.Rows.Select(r => r.Row.Line).Should().Equal(2, 3, 4, 5);
    }

    [Theory]
    [InlineData("党委", OrganizationKind.Committee)]
    [InlineData("党总支", OrganizationKind.GeneralBranch)]
    [InlineData("党支部", OrganizationKind.Branch)]
    [InlineData("GENERAL-BRANCH", OrganizationKind.GeneralBranch)]
    [InlineData("Committee", OrganizationKind.Committee)]
    public void Kinds_are_read_in_Chinese_and_English(string written, OrganizationKind kind)
    {
        var plan = Plan(Header + $"X,某党组织,{written},\n");

        Row(plan, "X").Kind.Should().Be(kind);
        Row(plan, "X").Outcome.Should().Be(RowOutcome.Create);
    }

    [Fact]
    public void A_group_in_Chinese_stands_under_a_branch()
    {
        var plan = Plan(Header + "B,第一党支部,党支部,\nP,第一党小组,党小组,B\n");

        Row(plan, "P").Kind.Should().Be(OrganizationKind.Group);
        Row(plan, "P").Outcome.Should().Be(RowOutcome.Create);
    }

    [Fact]
    public void An_unknown_kind_is_an_error_of_the_kind_column()
    {
        ShouldFail(Row(Plan(Header + "X,某党组织,党校,\n"), "X"), "kind", "unknown");
    }

    [Fact]
    public void A_missing_name_and_a_too_long_name_are_errors_of_the_name_column()
    {
        var plan = Plan(Header + $"A,,committee,\nB,{new string('名', PartyOrganization.MaxNameLength + 1)},committee,\nC,{new string('名', PartyOrganization.MaxNameLength)},committee,\n");

        ShouldFail(Row(plan, "A"), "name", "required");
        ShouldFail(Row(plan, "B"), "name", $"at most {PartyOrganization.MaxNameLength}");
        Row(plan, "C").Outcome.Should().Be(RowOutcome.Create);
    }

    [Fact]
    public void A_missing_code_is_an_error_and_a_duplicate_code_points_at_its_first_use()
    {
        var plan = Plan(Header + ",无编码党委,committee,\nA,甲党委,committee,\nA,乙党委,committee,\n");

        ShouldFail(plan.Rows[0], "code", "required");
        plan.Rows[1].Outcome.Should().Be(RowOutcome.Create);
        ShouldFail(plan.Rows[2], "code", "line 3");
    }

    [Fact]
    public void An_unknown_parent_code_is_an_error_of_the_parentCode_column()
    {
        ShouldFail(Row(Plan(Header + "B,第一党支部,branch,NOPE\n"), "B"), "parentCode", "NOPE");
    }

    [Fact]
    public void A_cycle_of_parent_codes_fails_every_row_on_it_and_the_rows_below()
    {
        var plan = Plan(Header + "A,甲党委,committee,C\nB,乙党委,committee,A\nC,丙党委,committee,B\nD,丁党支部,branch,A\nS,自指党委,committee,S\n");

        foreach (var code in new[] { "A", "B", "C" }) ShouldFail(Row(plan, code), "parentCode", "cycle");
        ShouldFail(Row(plan, "D"), "parentCode", "cannot be imported");
        ShouldFail(Row(plan, "S"), "parentCode", "own parent");
        plan.CreateCount.Should().Be(0);
    }

    [Fact]
    public void A_kind_that_may_not_stand_under_its_parent_is_an_error_from_the_tree_rules()
    {
        var plan = Plan(Header + "C,集团党委,committee,\nP,小组,group,C\nR,无上级小组,group,\nB,支部,branch,C\nG,支部下的总支,general-branch,B\n");

        ShouldFail(Row(plan, "P"), "kind", "cannot stand under");
        ShouldFail(Row(plan, "R"), "kind", "cannot be a root");
        ShouldFail(Row(plan, "G"), "kind", "cannot stand under");
        Row(plan, "B").Outcome.Should().Be(RowOutcome.Create);
    }

    [Fact]
    public void Rows_below_an_invalid_row_cannot_be_imported_either()
    {
        var plan = Plan(Header + "C,集团党委,党校,\nB,第一党支部,branch,C\nP,第一党小组,group,B\nOK,另一党委,committee,\n");

        ShouldFail(Row(plan, "C"), "kind", "unknown");
        ShouldFail(Row(plan, "B"), "parentCode", "line 2");
        ShouldFail(Row(plan, "P"), "parentCode", "line 3");
        plan.ErrorCount.Should().Be(3);
        plan.ToCreate.Should().ContainSingle().Which.Row.Code.Should().Be("OK");
    }

    [Fact]
    public void Two_rows_with_the_same_name_under_the_same_parent_are_a_duplicate()
    {
        var plan = Plan(Header + "C,集团党委,committee,\nB1,第一党支部,branch,C\nB2,第一党支部,branch,C\nB3,第一党支部,branch,\n");

        Row(plan, "B1").Outcome.Should().Be(RowOutcome.Create);
        ShouldFail(Row(plan, "B2"), "name", "Line 3");
        Row(plan, "B3").Outcome.Should().Be(RowOutcome.Create, "the same name at the root level is another place");
    }

    [Fact]
    public void Re_planning_an_imported_file_finds_every_row_already_there()
    {
        const string csv = Header + "C,集团党委,党委,\nG,机关党总支,党总支,C\nB,第一党支部,党支部,G\nP,第一党小组,党小组,B\n";
        var first = Plan(csv);
        var imported = first.ToCreate.Select(r => r.Organization!).ToArray();

        var again = Plan(csv, imported);

        again.HasErrors.Should().BeFalse();
        again.CreateCount.Should().Be(0);
        again.ExistsCount.Should().Be(4);
        again.Rows.Select(r => r.Organization!.Id).Should().Equal(imported.Select(o => o.Id));
    }

    [Fact]
    public void A_file_that_grew_creates_only_the_new_rows_under_the_existing_ones()
    {
        const string csv = Header + "C,集团党委,党委,\nB,第一党支部,党支部,C\n";
        var imported = Plan(csv).ToCreate.Select(r => r.Organization!).ToArray();

        var plan = Plan(csv + "B2,第二党支部,党支部,C\n", imported);

        plan.ExistsCount.Should().Be(2);
        var created = plan.ToCreate.Should().ContainSingle().Subject.Organization!;
        created.ParentId.Should().Be(imported[0].Id);
        created.Depth.Should().Be(1);
    }

    [Fact]
    public void The_same_name_as_an_existing_organization_of_another_kind_is_an_error()
    {
        var existing = PartyOrganization.Create(Subsidiary, null, "集团党委", OrganizationKind.Committee, Now);

        ShouldFail(Row(Plan(Header + "C,集团党委,branch,\n", existing), "C"), "kind", "already exists");
    }

    [Fact]
    public void Rows_attach_under_existing_organizations_by_id_or_by_path_of_names()
    {
        var committee = PartyOrganization.Create(Subsidiary, null, "集团党委", OrganizationKind.Committee, Now);
        var general = PartyOrganization.Create(Subsidiary, committee, "机关党总支", OrganizationKind.GeneralBranch, Now);
        var csv = "code,name,kind,parentCode,parentId,parentPath\n" +
                  $"B1,第一党支部,branch,,{general.Id},\n" +
                  "B2,第二党支部,branch,,,集团党委 / 机关党总支\n" +
                  "P2,小组,group,B2,,\n" +
                  $"X1,未知,branch,,{Guid.NewGuid()},\n" +
                  "X2,未知,branch,,,集团党委/不存在\n" +
                  "X3,未知,branch,,not-an-id,\n" +
                  $"X4,两个上级,branch,B2,{general.Id},\n";

        var plan = OrganizationTreeImportPlan.For(Subsidiary, Read(csv), [committee, general], Now);

        Row(plan, "B1").Organization!.ParentId.Should().Be(general.Id);
        Row(plan, "B2").Organization!.Path.Should().StartWith(general.Path + "/");
        Row(plan, "P2").Organization!.Depth.Should().Be(3);
        ShouldFail(Row(plan, "X1"), "parentId", "No organization");
        ShouldFail(Row(plan, "X2"), "parentPath", "不存在");
        ShouldFail(Row(plan, "X3"), "parentId", "not a valid id");
        ShouldFail(Row(plan, "X4"), "parentCode", "once");
        plan.Rows.Select(r => r.Parent).Should().StartWith([general.Id.ToString(), "集团党委 / 机关党总支", "B2"]);
    }

    [Fact]
    public void A_parent_of_another_subsidiary_is_not_found()
    {
        var elsewhere = PartyOrganization.Create(Guid.NewGuid(), null, "他处党委", OrganizationKind.Committee, Now);

        // Only the subsidiary's own organizations are passed in, as the service does.
        ShouldFail(Row(Plan("code,name,kind,parentId\n" + $"B,支部,branch,{elsewhere.Id}\n"), "B"), "parentId", "No organization");
    }

    [Fact]
    public void Every_error_names_its_reason_and_the_other_line_involved()
    {
        var existing = PartyOrganization.Create(Subsidiary, null, "已有党委", OrganizationKind.Committee, Now);
        var csv = "code,name,kind,parentCode,parentId,parentPath\n" +
                  ",无编码,committee,,,\n" +                                  // 2
                  $"{new string('c', 65)},长编码,committee,,,\n" +            // 3
                  "N1,,committee,,,\n" +                                      // 4
                  $"N2,{new string('名', 101)},committee,,,\n" +              // 5
                  "K1,无类型,,,,\n" +                                         // 6
                  "K2,党校,party-school,,,\n" +                               // 7
                  "C,党委,committee,,,\n" +                                   // 8
                  "C,又一党委,committee,,,\n" +                               // 9
                  "T,两个上级,branch,C,,已有党委\n" +                           // 10
                  "U,未知上级,branch,NOPE,,\n" +                              // 11
                  "S,自指,committee,S,,\n" +                                  // 12
                  "Y1,环一,committee,Y2,,\n" +                                // 13
                  "Y2,环二,committee,Y1,,\n" +                                // 14
                  "I1,坏ID,branch,,x,\n" +                                    // 15
                  $"I2,无此ID,branch,,{Guid.NewGuid()},\n" +                  // 16
                  "PP,无此路径,branch,,,不存在\n" +                            // 17
                  "D1,重名,branch,C,,\n" +                                    // 18
                  "D2,重名,branch,C,,\n" +                                    // 19
                  "OK,已有党委,branch,,,\n" +                                  // 20
                  "G,小组,group,C,,\n" +                                      // 21
                  "GG,小组之下,group,K2,,\n";                                 // 22

        var plan = OrganizationTreeImportPlan.For(Subsidiary, Read(csv), [existing], Now);

        plan.Rows.Where(r => r.Outcome == RowOutcome.Error).Select(r => (r.Row.Line, r.Error!.Reason, r.Error.RelatedLine)).Should().Equal(
            (2, RowErrorReasons.CodeRequired, 0), (3, RowErrorReasons.CodeTooLong, 0), (4, RowErrorReasons.NameRequired, 0),
            (5, RowErrorReasons.NameTooLong, 0), (6, RowErrorReasons.KindRequired, 0), (7, RowErrorReasons.KindUnknown, 0),
            (9, RowErrorReasons.CodeDuplicate, 8), (10, RowErrorReasons.ParentTwice, 0), (11, RowErrorReasons.ParentCodeUnknown, 0),
            (12, RowErrorReasons.ParentSelf, 0), (13, RowErrorReasons.ParentCycle, 0), (14, RowErrorReasons.ParentCycle, 0),
            (15, RowErrorReasons.ParentIdInvalid, 0), (16, RowErrorReasons.ParentIdUnknown, 0), (17, RowErrorReasons.ParentPathUnknown, 0),
            (19, RowErrorReasons.NameDuplicate, 18), (20, RowErrorReasons.ExistsAsOtherKind, 0), (21, RowErrorReasons.KindNotAllowed, 0),
            (22, RowErrorReasons.ParentRowInvalid, 7));
    }

    [Fact]
    public void A_long_chain_in_reverse_order_is_planned_without_deep_recursion_and_stops_where_paths_get_too_long()
    {
        var csv = new StringBuilder("code,name,kind,parentCode\n");
        const int count = 5000;
        for (var i = count; i >= 1; i--) csv.Append($"C{i},党委{i},committee,{(i > 1 ? $"C{i - 1}" : "")}\n");

        var plan = Plan(csv.ToString());

        var levels = (OrganizationTreeImportPlan.MaxPathLength + 1) / (Guid.Empty.ToString().Length + 1);
        plan.CreateCount.Should().Be(levels);
        plan.ToCreate[0].Row.Code.Should().Be("C1");
        plan.ToCreate[^1].Organization!.Depth.Should().Be(levels - 1);
        plan.ToCreate.Should().OnlyContain(r => r.Organization!.Path.Length <= OrganizationTreeImportPlan.MaxPathLength);
        ShouldFail(Row(plan, $"C{levels + 1}"), "parentCode", "too deep");
        ShouldFail(Row(plan, $"C{count}"), "parentCode", "cannot be imported");
    }
}

public class OrganizationTreeCsvTests
{
    static IReadOnlyList<TreeImportRow> Read(byte[] bytes) => OrganizationTreeCsv.Read(bytes);

    [Fact]
    public void A_cell_with_a_control_character_refuses_the_file_naming_its_line()
    {
        var read = () => Read(Encoding.UTF8.GetBytes("code,name,kind,parentCode\r\nC,集团党委,党委,\r\nB,第一\u001b党支部,党支部,C\r\n"));

        read.Should().Throw<TreeImportFileException>().WithMessage("Line 3: a cell must not contain control characters*");
    }

    [Fact]
    public void A_UTF8_file_with_BOM_and_CRLF_reads_the_same_as_without()
    {
        const string csv = "code,name,kind,parentCode\r\nC,集团党委,党委,\r\nB,第一党支部,党支部,C\r\n";
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

        var rows = Read(withBom);

        rows.Should().Equal(Read(Encoding.UTF8.GetBytes(csv)));
        rows[0].Should().Be(new TreeImportRow(2, "C", "集团党委", "党委", "", "", ""));
        rows[1].ParentCode.Should().Be("C");
    }

    [Fact]
    public void A_GBK_file_as_Excel_saves_it_is_read()
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;

        var rows = Read(gbk.GetBytes("编码,名称,类型,上级编码\r\nC,集团党委,党委,\r\n"));

        rows.Should().ContainSingle().Which.Should().Be(new TreeImportRow(2, "C", "集团党委", "党委", "", "", ""));
    }

    [Fact]
    public void Headers_are_matched_in_any_order_and_case_and_extra_columns_are_ignored()
    {
        var rows = Read(Encoding.UTF8.GetBytes("Notes,KIND,Parent_Code,Name,CODE\n备注,branch,C,支部,B\n"));

        rows.Should().ContainSingle().Which.Should().Be(new TreeImportRow(2, "B", "支部", "branch", "C", "", ""));
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_lines_are_counted_from_the_header()
    {
        var rows = Read(Encoding.UTF8.GetBytes("code,name,kind\nA,\"甲,\"\"乙\"\"\ncontinued\",committee\n\nB,丙,committee\n"));

        rows.Should().HaveCount(2);
        rows[0].Name.Should().Be("甲,\"乙\"\ncontinued");
        rows[0].Line.Should().Be(2);
        rows[1].Line.Should().Be(5, "the quoted line break and the blank line count as lines of the file");
    }

    [Fact]
    public void A_semicolon_separated_file_is_read()
    {
        Read(Encoding.UTF8.GetBytes("code;name;kind\nA;甲;committee\n")).Single().Name.Should().Be("甲");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\n\n", "empty")]
    [InlineData("code,name,kind\n", "no rows")]
    [InlineData("code,name\nA,甲\n", "kind")]
    [InlineData("编码,类型\nA,党委\n", "name")]
    [InlineData("code,name,kind,code\nA,甲,党委,B\n", "twice")]
    [InlineData("code,name,kind\nA,\"甲,党委\n", "not closed")]
    public void A_file_that_cannot_be_read_is_refused_as_a_whole(string csv, string messagePart)
    {
        var act = () => Read(Encoding.UTF8.GetBytes(csv));

        act.Should().Throw<TreeImportFileException>().Which.Message.Should().Contain(messagePart);
    }

    [Fact]
    public void A_binary_file_is_not_CSV()
    {
        var act = () => Read([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]);

        act.Should().Throw<TreeImportFileException>().Which.Message.Should().Contain("not a CSV");
    }

    [Fact]
    public void Files_over_the_size_or_row_limit_are_refused()
    {
        var tooBig = () => Read(new byte[OrganizationTreeCsv.MaxBytes + 1]);
        var rows = new StringBuilder("code,name,kind\n");
        for (var i = 0; i <= OrganizationTreeCsv.MaxRows; i++) rows.Append($"C{i},党委{i},committee\n");
        var tooMany = () => Read(Encoding.UTF8.GetBytes(rows.ToString()));

        tooBig.Should().Throw<TreeImportFileException>().Which.Message.Should().Contain("larger than");
        tooMany.Should().Throw<TreeImportFileException>().Which.Message.Should().Contain($"more than {OrganizationTreeCsv.MaxRows} rows");
    }

    [Fact]
    public void The_template_is_a_valid_tree()
    {
        var plan = OrganizationTreeImportPlan.For(Guid.NewGuid(), Read(Encoding.UTF8.GetBytes(OrganizationTreeCsv.Template)), [], DateTimeOffset.UnixEpoch);

        plan.HasErrors.Should().BeFalse();
        plan.CreateCount.Should().Be(5);
    }
}
