using System.Runtime.CompilerServices;
using Commerce.JsonApi.Queries;
using Commerce.JsonApi.Resources;

namespace Commerce.JsonApi.Documents;

/// <summary>
/// What the include tree reaches from the primary data: the linkage of every included relationship and
/// the included resources, de-duplicated by type and id (primary data is never repeated in <c>included</c>).
/// </summary>
public sealed class IncludedResources
{
    private readonly Dictionary<(object Owner, string Relationship), IReadOnlyList<object>> _linkage = new(new OwnerComparer());

    public List<object> Included { get; } = [];

    public bool TryGetLinkage(object owner, string relationship, out IReadOnlyList<object> related) =>
        _linkage.TryGetValue((owner, relationship), out related!);

    internal void SetLinkage(object owner, string relationship, IReadOnlyList<object> related) => _linkage[(owner, relationship)] = related;

    private sealed class OwnerComparer : IEqualityComparer<(object Owner, string Relationship)>
    {
        public bool Equals((object Owner, string Relationship) x, (object Owner, string Relationship) y) =>
            ReferenceEquals(x.Owner, y.Owner) && x.Relationship == y.Relationship;

        public int GetHashCode((object Owner, string Relationship) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Owner), obj.Relationship);
    }
}

/// <summary>
/// Walks the include tree over loaded resources. Navigation relationships were eager-loaded by the
/// query (one round trip per navigation level); loader relationships are asked for here.
/// </summary>
public sealed class IncludeLoader(ResourceGraph graph)
{
    /// <param name="visible">
    /// Of the resources a relationship reaches, those the caller may read (by the scope of their type); what it leaves out is
    /// neither included nor in any linkage. Null: everything reached is shown (a caller with no scope).
    /// </param>
    public async Task<IncludedResources> LoadAsync(IReadOnlyList<object> primary, IncludeNode include, IServiceProvider services, CancellationToken cancellationToken,
        Func<IReadOnlyList<object>, Task<IReadOnlyList<object>>>? visible = null)
    {
        var result = new IncludedResources();
        if (include.IsEmpty)
            return result;
        // The first instance of each type and id is the one written; no-tracking queries may load the same
        // resource again as another instance, whose linkage must land on the written one.
        var seen = new Dictionary<(string, string), object>();
        foreach (var resource in primary)
            seen.TryAdd(Key(resource), resource);
        await WalkAsync(primary, include, services, result, seen, visible, cancellationToken);
        return result;
    }

    private async Task WalkAsync(IReadOnlyList<object> owners, IncludeNode node, IServiceProvider services, IncludedResources result,
        Dictionary<(string, string), object> seen, Func<IReadOnlyList<object>, Task<IReadOnlyList<object>>>? visible, CancellationToken cancellationToken)
    {
        foreach (var child in node.Children.Values)
        {
            var relationship = child.Relationship!;
            var reachedBy = new List<(object Owner, IReadOnlyList<object> Related)>();
            foreach (var owner in owners)
            {
                if (graph.ForObject(owner).FindRelationship(relationship.Name) is not { } ownRelationship)
                    continue; // a polymorphic owner of another type
                reachedBy.Add((owner, await RelatedAsync(ownRelationship, owner, services, cancellationToken)));
            }
            if (visible is not null)
                reachedBy = await OnlyVisibleAsync(reachedBy, visible);
            var reached = new List<object>();
            foreach (var (owner, related) in reachedBy)
            {
                result.SetLinkage(owner, relationship.Name, related);
                if (seen.TryGetValue(Key(owner), out var written) && !ReferenceEquals(written, owner))
                    result.SetLinkage(written, relationship.Name, related);
                foreach (var item in related)
                {
                    reached.Add(item);
                    if (seen.TryAdd(Key(item), item))
                        result.Included.Add(item);
                }
            }
            if (!child.IsEmpty && reached.Count > 0)
                await WalkAsync(reached, child, services, result, seen, visible, cancellationToken);
        }
    }

    /// <summary>What one level of the walk reached, less what the caller may not read (asked once for the whole level).</summary>
    private static async Task<List<(object Owner, IReadOnlyList<object> Related)>> OnlyVisibleAsync(
        List<(object Owner, IReadOnlyList<object> Related)> reachedBy, Func<IReadOnlyList<object>, Task<IReadOnlyList<object>>> visible)
    {
        var all = reachedBy.SelectMany(r => r.Related).ToList();
        if (all.Count == 0)
            return reachedBy;
        var shown = new HashSet<object>(await visible(all), ReferenceEqualityComparer.Instance);
        return [.. reachedBy.Select(r => (r.Owner, (IReadOnlyList<object>)[.. r.Related.Where(shown.Contains)]))];
    }

    public static async Task<IReadOnlyList<object>> RelatedAsync(RelationshipDefinition relationship, object owner, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (relationship.Loader is { } loader)
            return await loader(services, owner, cancellationToken);
        return relationship.Getter!(owner) switch
        {
            null => [],
            System.Collections.IEnumerable many and not string => [.. many.Cast<object>()],
            var one => [one],
        };
    }

    private (string, string) Key(object resource)
    {
        var definition = graph.ForObject(resource);
        return (definition.PublicName, definition.GetId(resource));
    }
}
