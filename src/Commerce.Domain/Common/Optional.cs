namespace Commerce.Domain.Common;

/// <summary>A value that may be absent, which differs from null: a PATCH that does not send a member leaves it alone.</summary>
public readonly record struct Optional<T>(bool IsSet, T Value)
{
    public static Optional<T> Absent => default;
    public static Optional<T> Of(T value) => new(true, value);
}
