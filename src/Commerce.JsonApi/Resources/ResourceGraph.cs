using System.Linq.Expressions;

namespace Commerce.JsonApi.Resources;

/// <summary>The registry of every resource type the API serves. Built once at start-up, then read-only.</summary>
public sealed class ResourceGraph
{
    private readonly Dictionary<string, ResourceDefinition> _byName;
    private readonly Dictionary<Type, List<ResourceDefinition>> _byClrType;

    internal ResourceGraph(IEnumerable<ResourceDefinition> definitions, JsonApiOptions options)
    {
        var list = definitions.ToList();
        _byName = list.ToDictionary(d => d.PublicName, StringComparer.Ordinal);
        _byClrType = list.GroupBy(d => d.ClrType).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (type, shared) in _byClrType)
        {
            if (shared.Count > 1 && shared.Any(d => d.Discriminator is null))
                throw new InvalidOperationException($"CLR type '{type.Name}' backs several resource types: each needs a discriminator.");
        }
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

    /// <summary>
    /// The definition for an object, walking up base types (so a subclass of a mapped type resolves);
    /// where one CLR type backs several resource types, their discriminators decide.
    /// </summary>
    public ResourceDefinition ForObject(object resource)
    {
        for (var type = resource.GetType(); type is not null; type = type.BaseType)
        {
            if (!_byClrType.TryGetValue(type, out var definitions))
                continue;
            if (definitions.Count == 1)
                return definitions[0];
            foreach (var definition in definitions)
            {
                if (definition.Discriminator!(resource))
                    return definition;
            }
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
        AddDefinition(publicName, id, configure);
        return this;
    }

    internal ResourceDefinition<T> AddDefinition<T>(string publicName, Expression<Func<T, string>> id, Action<ResourceBuilder<T>> configure) where T : class
    {
        var definition = new ResourceDefinition<T>(publicName, id);
        configure(new ResourceBuilder<T>(definition));
        _definitions.Add(definition);
        return definition;
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
