using Alliance.Organization.Organizations;

namespace Alliance.Organization.Import;

/// <summary>What importing one row does: create a new organization, find it already there (skipped), or fail.</summary>
public enum RowOutcome
{
    Create = 1,
    Exists = 2,
    Error = 3,
}

/// <summary>
/// Why a row cannot be imported: the column it is about, a stable reason (the console words it in the user's language),
/// an English message, and the other line of the file involved (a duplicate's first use, the parent row), if any.
/// </summary>
public sealed record RowError(string Column, string Reason, string Message, int RelatedLine = 0);

/// <summary>The reasons a row fails, as the API and the console name them.</summary>
public static class RowErrorReasons
{
    public const string CodeRequired = "code-required";
    public const string CodeTooLong = "code-too-long";
    public const string CodeDuplicate = "code-duplicate";
    public const string NameRequired = "name-required";
    public const string NameTooLong = "name-too-long";
    public const string NameDuplicate = "name-duplicate";
    public const string KindRequired = "kind-required";
    public const string KindUnknown = "kind-unknown";
    public const string KindNotAllowed = "kind-not-allowed";
    public const string ExistsAsOtherKind = "exists-as-other-kind";
    public const string ParentTwice = "parent-twice";
    public const string ParentCodeUnknown = "parent-code-unknown";
    public const string ParentSelf = "parent-self";
    public const string ParentCycle = "parent-cycle";
    public const string ParentRowInvalid = "parent-row-invalid";
    public const string ParentIdInvalid = "parent-id-invalid";
    public const string ParentIdUnknown = "parent-id-unknown";
    public const string ParentPathUnknown = "parent-path-unknown";
    public const string TooDeep = "too-deep";
}

/// <summary>The planned fate of one row. <see cref="Organization"/> is the new or the existing organization; null on an error.</summary>
public sealed record PlannedRow(TreeImportRow Row, OrganizationKind? Kind, RowOutcome Outcome, RowError? Error, PartyOrganization? Organization)
{
    public string? Column => Error?.Column;
    public string? Message => Error?.Message ?? (Outcome == RowOutcome.Exists ? $"{Row.Name} already exists under this parent; the row is skipped." : null);

    /// <summary>The parent reference as written: parentCode, parentPath or parentId.</summary>
    public string Parent => Row.ParentCode.Length > 0 ? Row.ParentCode : Row.ParentPath.Length > 0 ? Row.ParentPath : Row.ParentId;
}

/// <summary>
/// The dry run of an organization-tree import: every row's outcome, decided against the subsidiary's existing tree
/// without writing anything. New organizations are built with <see cref="PartyOrganization.Create"/>, so every rule
/// of the tree holds; <see cref="ToCreate"/> lists them parents first, the order to insert them in.
/// A row whose parent row cannot be imported cannot be imported either. Re-planning an imported file finds every row
/// already there (same name and kind under the same parent), so an import is safe to repeat.
/// </summary>
public sealed class OrganizationTreeImportPlan
{
    public const int MaxCodeLength = 64;
    /// <summary>The length of party_organizations.path (OrganizationDbContext): about 54 levels of ids.</summary>
    public const int MaxPathLength = 2000;

    public IReadOnlyList<PlannedRow> Rows { get; }
    public IReadOnlyList<PlannedRow> ToCreate { get; }
    public int CreateCount => ToCreate.Count;
    public int ExistsCount => Rows.Count(r => r.Outcome == RowOutcome.Exists);
    public int ErrorCount => Rows.Count(r => r.Outcome == RowOutcome.Error);
    public bool HasErrors => ErrorCount > 0;

    OrganizationTreeImportPlan(IReadOnlyList<PlannedRow> rows, IReadOnlyList<PlannedRow> toCreate) => (Rows, ToCreate) = (rows, toCreate);

    static readonly Dictionary<string, OrganizationKind> KindNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["committee"] = OrganizationKind.Committee, ["党委"] = OrganizationKind.Committee,
        ["general-branch"] = OrganizationKind.GeneralBranch, ["generalbranch"] = OrganizationKind.GeneralBranch,
        ["general_branch"] = OrganizationKind.GeneralBranch, ["党总支"] = OrganizationKind.GeneralBranch,
        ["branch"] = OrganizationKind.Branch, ["党支部"] = OrganizationKind.Branch,
        ["group"] = OrganizationKind.Group, ["党小组"] = OrganizationKind.Group,
    };

    public static OrganizationKind? ParseKind(string text) => KindNames.TryGetValue(text.Trim(), out var kind) ? kind : null;

    /// <param name="existing">every organization of the subsidiary (parents by id or path, and the rows already there).</param>
    public static OrganizationTreeImportPlan For(Guid subsidiaryId, IReadOnlyList<TreeImportRow> rows,
        IReadOnlyCollection<PartyOrganization> existing, DateTimeOffset now)
    {
        var planning = new Planning(subsidiaryId, existing, now);
        var slots = rows.Select(planning.Check).ToArray();
        planning.LinkParentCodes(slots);
        var toCreate = new List<PlannedRow>();
        foreach (var slot in slots) planning.Resolve(slot, toCreate);
        return new OrganizationTreeImportPlan(slots.Select(s => s.Result!).ToList(), toCreate);
    }

    /// <summary>A row while it is planned; <see cref="Result"/> is set once its parent is resolved.</summary>
    sealed class Slot(TreeImportRow row, OrganizationKind? kind)
    {
        public TreeImportRow Row { get; } = row;
        public OrganizationKind? Kind { get; } = kind;
        public RowError? Error { get; set; }
        public PartyOrganization? ExistingParent { get; set; }
        public Slot? ParentSlot { get; set; }
        public PlannedRow? Result { get; set; }
    }

    sealed class Planning(Guid subsidiaryId, IReadOnlyCollection<PartyOrganization> existing, DateTimeOffset now)
    {
        readonly Dictionary<Guid, PartyOrganization> _byId = existing.ToDictionary(o => o.Id);
        // Names are matched trimmed and exactly; a parent of Guid.Empty stands for the root level.
        readonly Dictionary<(Guid Parent, string Name), PartyOrganization> _existingChildren = existing
            .GroupBy(o => (o.ParentId ?? Guid.Empty, o.Name.Trim()))
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.CreatedAt).First());
        readonly Dictionary<(Guid Parent, string Name), int> _claimed = [];
        readonly Dictionary<string, Slot> _byCode = new(StringComparer.Ordinal);

        public Slot Check(TreeImportRow row)
        {
            var kind = ParseKind(row.Kind);
            var slot = new Slot(row, kind);
            slot.Error = CheckFields(row, kind);
            if (row.Code.Length > 0 && !_byCode.TryAdd(row.Code, slot))
                slot.Error ??= new(OrganizationTreeCsv.CodeColumn, RowErrorReasons.CodeDuplicate,
                    $"The code {row.Code} is already used on line {_byCode[row.Code].Row.Line}; codes must be unique within the file.", _byCode[row.Code].Row.Line);
            if (slot.Error is null && row.ParentCode.Length == 0) ResolveExistingParent(slot);
            return slot;
        }

        static RowError? CheckFields(TreeImportRow row, OrganizationKind? kind)
        {
            if (row.Code.Length == 0) return new(OrganizationTreeCsv.CodeColumn, RowErrorReasons.CodeRequired, "The code is required.");
            if (row.Code.Length > MaxCodeLength) return new(OrganizationTreeCsv.CodeColumn, RowErrorReasons.CodeTooLong, $"The code must be at most {MaxCodeLength} characters.");
            if (row.Name.Length == 0) return new(OrganizationTreeCsv.NameColumn, RowErrorReasons.NameRequired, "The name is required.");
            if (row.Name.Length > PartyOrganization.MaxNameLength)
                return new(OrganizationTreeCsv.NameColumn, RowErrorReasons.NameTooLong, $"The name must be at most {PartyOrganization.MaxNameLength} characters.");
            if (row.Kind.Length == 0) return new(OrganizationTreeCsv.KindColumn, RowErrorReasons.KindRequired, "The kind is required.");
            if (kind is null)
                return new(OrganizationTreeCsv.KindColumn, RowErrorReasons.KindUnknown, $"The kind {row.Kind} is unknown; use committee, general-branch, branch or group (党委, 党总支, 党支部, 党小组).");
            var references = new[] { row.ParentCode, row.ParentPath, row.ParentId }.Count(r => r.Length > 0);
            if (references > 1)
                return new(OrganizationTreeCsv.ParentCodeColumn, RowErrorReasons.ParentTwice, "Give the parent once: parentCode (a row of this file), parentPath or parentId (an existing organization).");
            return null;
        }

        void ResolveExistingParent(Slot slot)
        {
            var row = slot.Row;
            if (row.ParentId.Length > 0)
            {
                if (!Guid.TryParse(row.ParentId, out var id))
                    slot.Error = new(OrganizationTreeCsv.ParentIdColumn, RowErrorReasons.ParentIdInvalid, $"The parent id {row.ParentId} is not a valid id.");
                else if (!_byId.TryGetValue(id, out var parent))
                    slot.Error = new(OrganizationTreeCsv.ParentIdColumn, RowErrorReasons.ParentIdUnknown, $"No organization of this subsidiary has the id {row.ParentId}.");
                else slot.ExistingParent = parent;
            }
            else if (row.ParentPath.Length > 0)
            {
                var (parent, error) = FindByPath(row.ParentPath);
                if (error is not null) slot.Error = new(OrganizationTreeCsv.ParentPathColumn, RowErrorReasons.ParentPathUnknown, error);
                else slot.ExistingParent = parent;
            }
        }

        /// <summary>A path of names from a root down, separated by '/' (集团党委/机关党总支).</summary>
        (PartyOrganization?, string?) FindByPath(string path)
        {
            var names = path.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0) return (null, $"The parent path {path} names no organization.");
            PartyOrganization? current = null;
            foreach (var name in names)
            {
                if (!_existingChildren.TryGetValue((current?.Id ?? Guid.Empty, name), out var next))
                    return (null, current is null
                        ? $"The parent path {path} does not match the tree: no root organization is named {name}."
                        : $"The parent path {path} does not match the tree: {current.Name} has no organization named {name}.");
                current = next;
            }
            return (current, null);
        }

        /// <summary>Links rows to their parent rows; unknown codes and cycles become errors of every row involved.</summary>
        public void LinkParentCodes(Slot[] slots)
        {
            foreach (var slot in slots.Where(s => s.Error is null && s.Row.ParentCode.Length > 0))
            {
                if (!_byCode.TryGetValue(slot.Row.ParentCode, out var parent))
                    slot.Error = new(OrganizationTreeCsv.ParentCodeColumn, RowErrorReasons.ParentCodeUnknown, $"No row of the file has the code {slot.Row.ParentCode}.");
                else if (parent == slot)
                    slot.Error = new(OrganizationTreeCsv.ParentCodeColumn, RowErrorReasons.ParentSelf, "A row cannot be its own parent.");
                else slot.ParentSlot = parent;
            }
            var acyclic = new HashSet<Slot>();
            foreach (var start in slots)
            {
                // Walk up; coming back to a row already on this walk is a cycle. Rows of a finished walk are not walked again.
                var walk = new List<Slot>();
                var seen = new HashSet<Slot>();
                for (var s = start; s is not null && s.Error is null && !acyclic.Contains(s); s = s.ParentSlot)
                {
                    if (!seen.Add(s))
                    {
                        var cycle = walk.SkipWhile(w => w != s).ToList();
                        var codes = string.Join(" → ", cycle.Append(s).Select(c => c.Row.Code));
                        foreach (var member in cycle)
                            member.Error = new(OrganizationTreeCsv.ParentCodeColumn, RowErrorReasons.ParentCycle, $"The parent codes form a cycle: {codes}.");
                        break;
                    }
                    walk.Add(s);
                }
                acyclic.UnionWith(walk);
            }
        }

        /// <summary>Decides a row after its ancestors in the file, so parents come first in <paramref name="toCreate"/>.</summary>
        public void Resolve(Slot start, List<PlannedRow> toCreate)
        {
            var chain = new Stack<Slot>();
            for (var s = start; s is not null && s.Result is null; s = s.Error is null ? s.ParentSlot : null) chain.Push(s);
            while (chain.TryPop(out var slot)) slot.Result = Decide(slot, toCreate);
        }

        PlannedRow Decide(Slot slot, List<PlannedRow> toCreate)
        {
            PlannedRow Failed(string column, string reason, string message, int relatedLine = 0) =>
                new(slot.Row, slot.Kind, RowOutcome.Error, new RowError(column, reason, message, relatedLine), null);
            if (slot.Error is { } error) return new(slot.Row, slot.Kind, RowOutcome.Error, error, null);
            var parent = slot.ExistingParent;
            if (slot.ParentSlot is { } parentSlot)
            {
                if (parentSlot.Result!.Organization is not { } parentOrganization)
                    return Failed(OrganizationTreeCsv.ParentCodeColumn, RowErrorReasons.ParentRowInvalid,
                        $"Its parent row (line {parentSlot.Row.Line}, code {parentSlot.Row.Code}) cannot be imported.", parentSlot.Row.Line);
                parent = parentOrganization;
            }
            var kind = slot.Kind!.Value;
            var name = slot.Row.Name;
            var key = (parent?.Id ?? Guid.Empty, name);
            if (_claimed.TryGetValue(key, out var claimedBy))
                return Failed(OrganizationTreeCsv.NameColumn, RowErrorReasons.NameDuplicate, $"Line {claimedBy} already has an organization named {name} under the same parent.", claimedBy);
            _claimed[key] = slot.Row.Line;
            if (_existingChildren.TryGetValue(key, out var there))
                return there.Kind == kind
                    ? new PlannedRow(slot.Row, kind, RowOutcome.Exists, null, there)
                    : Failed(OrganizationTreeCsv.KindColumn, RowErrorReasons.ExistsAsOtherKind, $"{name} already exists under this parent as a {there.Kind}, not a {kind}.");
            try
            {
                var organization = PartyOrganization.Create(subsidiaryId, parent, name, kind, now);
                if (organization.Path.Length > MaxPathLength)
                    return Failed(OrganizationTreeCsv.ParentCodeColumn, RowErrorReasons.TooDeep, $"The tree is too deep here (level {organization.Depth + 1}); the path of ids would exceed {MaxPathLength} characters.");
                var created = new PlannedRow(slot.Row, kind, RowOutcome.Create, null, organization);
                toCreate.Add(created);
                return created;
            }
            catch (OrganizationRuleException ex)
            {
                var column = ex.Field == "kind" ? OrganizationTreeCsv.KindColumn
                    : slot.ParentSlot is not null ? OrganizationTreeCsv.ParentCodeColumn
                    : slot.Row.ParentPath.Length > 0 ? OrganizationTreeCsv.ParentPathColumn : OrganizationTreeCsv.ParentIdColumn;
                return Failed(column, RowErrorReasons.KindNotAllowed, ex.Message);
            }
        }
    }
}
