using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Resources;

namespace Commerce.JsonApi.Documents;

public sealed record ResourceIdentifier(string Type, string Id);

/// <summary>A relationship as sent: <see cref="Identifiers"/> is empty for a to-one set to null.</summary>
public sealed record RelationshipInput(RelationshipDefinition Definition, IReadOnlyList<ResourceIdentifier> Identifiers)
{
    public ResourceIdentifier? Single => Identifiers.Count > 0 ? Identifiers[0] : null;
    public string Pointer => $"/data/relationships/{Definition.Name}/data";
}

/// <summary>
/// The targeted fields of a write request: only what the client sent. A field that is absent is not in
/// the maps; a field sent as null is present with a null value.
/// </summary>
public sealed class ResourceInput
{
    public required ResourceDefinition Resource { get; init; }
    public required WriteOperation Operation { get; init; }
    public string? Id { get; init; }
    public required IReadOnlyDictionary<string, object?> Attributes { get; init; }
    public required IReadOnlyDictionary<string, RelationshipInput> Relationships { get; init; }
    public required IReadOnlyDictionary<string, object?> Triggers { get; init; }

    public static string AttributePointer(string name) => $"/data/attributes/{name}";
    public static string RelationshipPointer(string name) => $"/data/relationships/{name}";

    public bool HasAttribute(string name) => Attributes.ContainsKey(name);

    /// <summary>The value sent for an attribute; false when the attribute was absent.</summary>
    public bool TryGetAttribute<T>(string name, out T value)
    {
        if (Attributes.TryGetValue(name, out var raw))
        {
            value = (T)raw!;
            return true;
        }
        value = default!;
        return false;
    }

    public bool TryGetRelationship(string name, out RelationshipInput relationship) =>
        Relationships.TryGetValue(name, out relationship!);

    /// <summary>True when the trigger was sent with the value true (or any non-null, non-false value).</summary>
    public bool HasTrigger(string name) => Triggers.TryGetValue(name, out var value) && value is not (null or false);

    public T? Trigger<T>(string name) => Triggers.TryGetValue(name, out var value) && value is T typed ? typed : default;

    /// <summary>Attributes with a public setter, applied in one go; the resource's own hooks handle the rest.</summary>
    public void ApplySettableAttributes(object target)
    {
        foreach (var (name, value) in Attributes)
            Resource.FindAttribute(name)!.TrySetValue(target, value);
    }

    /// <summary>Fails the request with a 422 when a required attribute was not sent on create.</summary>
    public void Require(params string[] names)
    {
        var missing = names.Where(n => !Attributes.TryGetValue(n, out var v) || v is null).ToList();
        if (missing.Count > 0)
            throw new JsonApiException([.. missing.Select(n => new ErrorObject(422, ErrorCodes.ValidationError, "Unprocessable entity",
                $"{n} can't be blank.", ErrorSource.AtPointer(AttributePointer(n))))]);
    }
}
