namespace Commerce.JsonApi.Resources;

/// <summary>
/// A write-only command attribute (its name starts with <c>_</c>), such as <c>_place</c>: accepted in
/// PATCH (and in POST when <see cref="OnCreate"/>), never returned.
/// </summary>
public sealed class TriggerDefinition(string name, Type valueType, bool onCreate, string description)
{
    public string Name { get; } = name;
    public Type ValueType { get; } = valueType;
    public bool OnCreate { get; } = onCreate;
    public string Description { get; } = description;
}
