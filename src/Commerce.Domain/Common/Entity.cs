namespace Commerce.Domain.Common;

/// <summary>Base of every persisted resource: an opaque id and UTC timestamps.</summary>
public abstract class Entity
{
    protected Entity() => Id = ResourceId.New();

    public string Id { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Called by persistence before a save; the clock comes from the host.</summary>
    public void Touch(DateTimeOffset now)
    {
        if (CreatedAt == default)
            CreatedAt = now;
        UpdatedAt = now;
    }
}
