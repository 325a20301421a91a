namespace Commerce.Domain.Common;

/// <summary>A value that may be absent, which differs from null: a PATCH that does not send a member leaves it alone.</summary>
public readonly record struct Optional<T>(bool IsSet, T Value);

public static class Optional
{
    public static Optional<T> Absent<T>() => default;
    public static Optional<T> Of<T>(T value) => new(true, value);
}
