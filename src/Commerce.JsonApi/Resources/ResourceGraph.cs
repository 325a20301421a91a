using System.Linq.Expressions;

namespace Commerce.JsonApi.Resources;

/// <summary>The registry of every resource type the API serves. Built once at start-up, then read-only.</summary>
public sealed class ResourceGraph
{
    private readonly Dictionary<string, ResourceDefinition> _byName;
    private readonly Dictionary<Type, ResourceDefinition> _byClrType;

    internal ResourceGraph(IEnumerable<ResourceDefinition> definitions, JsonApiOptions options)
    {
        var list = definitions.ToList();
        _byName = list.ToDictionary(d => d.PublicName, StringComparer.Ordinal);
        _byClrType = list.ToDictionary(d => d.ClrType);
        Options = options;
        foreach (var relationship in list.SelectMany(d => d.Relationships))
        {
            foreach (var target in relationship.TargetTypes)
            {
                if (!_byName.ContainsKey(target))
                    throw new InvalidOperationException($"Relationship '{relationship.Name}' targets unknown resource type '{target}'.");
            }
        }
    }

    public JsonApiOptions Options { get; }
    public IReadOnlyCollection<ResourceDefinition> Resources => _byName.Values;

    public ResourceDefinition? Find(string publicName) => _byName.GetValueOrDefault(publicName);

    public ResourceDefinition Get(string publicName) =>
        Find(publicName) ?? throw new InvalidOperationException($"Unknown resource type '{publicName}'.");

    /// <summary>The definition for an object, walking up base types (so a subclass of a mapped type resolves).</summary>
    public ResourceDefinition ForObject(object resource)
    {
        for (var type = resource.GetType(); type is not null; type = type.BaseType)
        {
            if (_byClrType.TryGetValue(type, out var definition))
                return definition;
        }
        throw new InvalidOperationException($"No resource type is registered for CLR type '{resource.GetType().Name}'.");
    }
}

/// <summary>Builds the <see cref="ResourceGraph"/>.</summary>
public sealed class ResourceGraphBuilder
{
    private readonly List<ResourceDefinition> _definitions = [];

    public JsonApiOptions Options { get; } = new();

    public ResourceGraphBuilder Add<T>(string publicName, Expression<Func<T, string>> id, Action<ResourceBuilder<T>> configure) where T : class
    {
        var definition = new ResourceDefinition<T>(publicName, id);
        configure(new ResourceBuilder<T>(definition));
        _definitions.Add(definition);
        return this;
    }

    public ResourceGraph Build() => new(_definitions, Options);
}

/// <summary>Protocol defaults. Documented in the README.</summary>
public sealed class JsonApiOptions
{
    public string BasePath { get; set; } = "/api";
    public int DefaultPageSize { get; set; } = 10;
    public int MaxPageSize { get; set; } = 25;
    public int MaxIncludeDepth { get; set; } = 3;
    public int MaxRequestDepth { get; set; } = 32;
}
