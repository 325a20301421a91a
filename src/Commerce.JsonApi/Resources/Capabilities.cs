namespace Commerce.JsonApi.Resources;

/// <summary>What a client may do with a field. Declared once per field, enforced everywhere.</summary>
[Flags]
public enum Can
{
    None = 0,
    Read = 1,
    Create = 2,
    Change = 4,
    Filter = 8,
    Sort = 16,
    Write = Create | Change,
    Query = Filter | Sort,
    All = Read | Create | Change | Filter | Sort,
}

public enum RelationshipKind
{
    ToOne,
    ToMany,
}

public enum WriteOperation
{
    Create,
    Update,
}
