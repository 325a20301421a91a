using System.Linq.Expressions;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Queries;
using Commerce.JsonApi.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.JsonApi.Http;

/// <summary>The operations of one resource type, independent of its CLR type.</summary>
internal interface IResourceEndpoints
{
    ResourceDefinition Resource { get; }
    Task ListAsync(HttpContext context);
    Task GetAsync(HttpContext context, string id);
    Task GetSingletonAsync(HttpContext context);
    Task CreateAsync(HttpContext context);
    Task UpdateAsync(HttpContext context, string id);
    Task DeleteAsync(HttpContext context, string id);
    Task GetRelatedAsync(HttpContext context, string id, string relationship, bool linkageOnly);

    /// <summary>A page of this type's resources whose <paramref name="foreignKey"/> equals <paramref name="ownerId"/>.</summary>
    Task<(IReadOnlyList<object> Items, PageInfo Page)> ListOwnedAsync(HttpContext context, QueryModel query, LambdaExpression foreignKey, string ownerId);

    /// <summary>Of <paramref name="items"/> (resources of this type), those the caller may read: the handler's scope.</summary>
    Task<IReadOnlyList<object>> VisibleOfTypeAsync(HttpContext context, IReadOnlyList<object> items);

    /// <summary>
    /// The resource of this type a write's relationship names, loaded tracked through the handler's write scope
    /// (<see cref="IResourceHandler{T}.QueryForWrite"/>); null when it does not exist for the caller (absent, out of
    /// its scope, or of a type its role may not read).
    /// </summary>
    Task<object?> FindTargetAsync(HttpContext context, string id);
}

/// <summary>
/// The request pipeline of a resource: parse the query, read the document, call the host's handler,
/// load includes, write the document. Reads never track (but one whose include tree walks back, see EagerLoadPlan); lists are
/// counted, sorted and paged in SQL.
/// </summary>
internal sealed class ResourceEndpoints<T>(ResourceDefinition<T> resource, ResourceGraph graph, Func<string, IResourceEndpoints> endpointsFor)
    : IResourceEndpoints where T : class
{
    private readonly QueryParser _parser = new(graph);
    private readonly DocumentReader _reader = new(graph);
    private readonly DocumentWriter _writer = new(graph);
    private readonly IncludeLoader _includes = new(graph);

    public ResourceDefinition Resource => resource;

    public async Task ListAsync(HttpContext context)
    {
        Policy(context)?.Authorize(context, resource, ResourceOperation.List);
        var query = Parse(context, resource, isCollection: true);
        var (items, page) = await PageAsync(context, Handler(context).Query(), query);
        await WriteCollectionAsync(context, items, page, query);
    }

    public async Task GetAsync(HttpContext context, string id)
    {
        Policy(context)?.Authorize(context, resource, ResourceOperation.Get);
        var query = Parse(context, resource, isCollection: false);
        var item = await FindAsync(context, id, query, tracked: false) ?? throw JsonApiException.NotFound(resource.PublicName, id);
        await WriteSingleAsync(context, item, query, StatusCodes.Status200OK);
    }

    public async Task GetSingletonAsync(HttpContext context)
    {
        Policy(context)?.Authorize(context, resource, ResourceOperation.Get);
        var query = Parse(context, resource, isCollection: false);
        var source = Handler(context).Query();
        // A singleton may live outside the database (configuration): its query need not be EF Core's.
        var item = source.Provider is Microsoft.EntityFrameworkCore.Query.IAsyncQueryProvider
            ? await source.AsNoTracking().FirstOrDefaultAsync(context.RequestAborted)
            : source.FirstOrDefault();
        if (item is null)
            throw JsonApiException.NotFound(resource.PublicName, resource.SingletonPath ?? "");
        await WriteSingleAsync(context, item, query, StatusCodes.Status200OK);
    }

    public async Task CreateAsync(HttpContext context)
    {
        Policy(context)?.Authorize(context, resource, ResourceOperation.Create);
        var query = Parse(context, resource, isCollection: false);
        var input = await ReadAsync(context, WriteOperation.Create, null);
        Policy(context)?.AuthorizeWrite(context, input);
        var created = await Handler(context).CreateAsync(input, context.RequestAborted);
        var id = resource.GetId(created);
        var item = await SavedAsync(context, created, query) ?? await FindAsync(context, id, query, tracked: false) ?? created;
        context.Response.Headers.Location = new LinkBuilder(context.Request, graph.Options.BasePath).Resource(resource.PublicName, id);
        await WriteSingleAsync(context, item, query, StatusCodes.Status201Created);
    }

    public async Task UpdateAsync(HttpContext context, string id)
    {
        Policy(context)?.Authorize(context, resource, ResourceOperation.Update);
        var query = Parse(context, resource, isCollection: false);
        var input = await ReadAsync(context, WriteOperation.Update, id);
        var handler = Handler(context);
        var tracked = await handler.QueryForWrite().Where(QueryApplier.IdEquals<T>(resource, id)).FirstOrDefaultAsync(context.RequestAborted)
            ?? throw JsonApiException.NotFound(resource.PublicName, id);
        Policy(context)?.AuthorizeWrite(context, input);
        await handler.UpdateAsync(tracked, input, context.RequestAborted);
        var item = await SavedAsync(context, tracked, query)
            ?? await FindAsync(context, id, query, tracked: false)
            ?? throw JsonApiException.NotFound(resource.PublicName, id);
        await WriteSingleAsync(context, item, query, StatusCodes.Status200OK);
    }

    public async Task DeleteAsync(HttpContext context, string id)
    {
        Policy(context)?.Authorize(context, resource, ResourceOperation.Delete);
        _parser.Parse(context.Request.Query, resource, isCollection: false);
        var handler = Handler(context);
        var tracked = await handler.QueryForWrite().Where(QueryApplier.IdEquals<T>(resource, id)).FirstOrDefaultAsync(context.RequestAborted)
            ?? throw JsonApiException.NotFound(resource.PublicName, id);
        await handler.DeleteAsync(tracked, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task GetRelatedAsync(HttpContext context, string id, string relationshipName, bool linkageOnly)
    {
        // Reading what hangs off a resource is reading the resource: the owner's Get rule applies, and the
        // related type's handler scopes what is listed.
        Policy(context)?.Authorize(context, resource, ResourceOperation.Get);
        var relationship = resource.FindRelationship(relationshipName) ?? throw JsonApiException.NotFound(resource.PublicName, id);
        // ... and what it reaches is read as the target type is: its role rule (403; a polymorphic relationship only when the
        // role may read none of its types, and a reached resource of a type it may not read is absent), then its scope (absent).
        if (relationship.TargetTypes.All(t => !MayRead(context, graph.Get(t))))
            Policy(context)?.Authorize(context, graph.Get(relationship.TargetTypes[0]), ResourceOperation.Get);
        var links = new LinkBuilder(context.Request, graph.Options.BasePath);
        if (relationship.Ranked is not null && !linkageOnly)
        {
            await GetRankedAsync(context, id, relationship, links);
            return;
        }
        var isList = relationship.Kind == RelationshipKind.ToMany && relationship.InverseForeignKey is not null;
        var target = graph.Get(relationship.TargetTypes[0]);
        // A list (related resources or linkage alike) is a list of the target: its sort and filters are the target's.
        var query = Parse(context, linkageOnly && !isList ? resource : target, isCollection: isList && !relationship.IsPolymorphic);
        if (linkageOnly && !query.Include.IsEmpty)
            throw JsonApiException.BadQuery(ErrorCodes.ParamNotAllowed, "include", "Relationship endpoints return linkage only: 'include' does not apply.");

        if (isList)
        {
            // Owned to-many: a filtered, sorted, paged list of the target type, in SQL.
            // The owner in the caller's scope, or 404.
            _ = await FindAsync(context, id, QueryModel.Empty, tracked: false) ?? throw JsonApiException.NotFound(resource.PublicName, id);
            var (items, page) = await endpointsFor(target.PublicName).ListOwnedAsync(context, query, relationship.InverseForeignKey!, id);
            if (linkageOnly)
                await WriteAsync(context, StatusCodes.Status200OK, w => _writer.WriteLinkage(w, relationship, items, resource.PublicName, id, links, page, query));
            else
                await WriteCollectionAsync(context, items, page, query);
            return;
        }

        // The related resource's include tree may lead back to the owner (prices/:id/sku?include=prices): it is loaded
        // tracked, and the include tree onto it, as a read whose include tree walks back (see ReadAsync).
        var db = context.RequestServices.GetService<DbContext>();
        var loadsIncludes = db is not null && relationship.IsNavigation && !query.Include.IsEmpty;
        var ownerQuery = relationship.Navigation is { } navigation
            ? Handler(context).Query().Include(navigation)
            : Handler(context).Query();
        if (!loadsIncludes)
            ownerQuery = ownerQuery.AsNoTracking();
        var owner = await ownerQuery.Where(QueryApplier.IdEquals<T>(resource, id)).FirstOrDefaultAsync(context.RequestAborted)
            ?? throw JsonApiException.NotFound(resource.PublicName, id);
        var related = await VisibleAsync(context, await IncludeLoader.RelatedAsync(relationship, owner, context.RequestServices, context.RequestAborted));
        if (loadsIncludes)
            await LoadNavigationsAsync(db!, related, query.Include, context.RequestAborted);
        if (linkageOnly)
        {
            await WriteAsync(context, StatusCodes.Status200OK, w => _writer.WriteLinkage(w, relationship, related, resource.PublicName, id, links, null, query));
            return;
        }
        var included = await LoadIncludedAsync(context, related, query);
        if (relationship.Kind == RelationshipKind.ToOne)
            await WriteAsync(context, StatusCodes.Status200OK, w => _writer.WriteSingle(w, related.Count > 0 ? related[0] : null, included, query, links));
        else
            await WriteAsync(context, StatusCodes.Status200OK, w => _writer.WriteCollection(w, related, included, query, links, new PageInfo(related.Count, 1, Math.Max(related.Count, 1))));
    }

    /// <summary>
    /// A ranked relationship's related endpoint: one page of at most its largest size (<c>page[size]</c>, no other paging, no
    /// sort or filter: the ranking is the order), of what the owner, in the caller's scope, leads to; the loader's meta.
    /// </summary>
    private async Task GetRankedAsync(HttpContext context, string id, RelationshipDefinition relationship, LinkBuilder links)
    {
        var paging = relationship.RankedPaging!;
        var size = paging.DefaultSize;
        if (context.Request.Query.TryGetValue("page[size]", out var given))
        {
            if (given.Count > 1)
                throw JsonApiException.BadQuery(ErrorCodes.ParamNotAllowed, "page[size]", "The query parameter 'page[size]' is given more than once.");
            if (!int.TryParse(given.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size < 1)
                throw JsonApiException.BadQuery(ErrorCodes.InvalidPageValue, "page[size]", "'page[size]' must be a whole number from 1.");
            if (size > paging.MaxSize)
                throw JsonApiException.BadQuery(ErrorCodes.InvalidPageValue, "page[size]", $"'page[size]' is at most {paging.MaxSize} for {relationship.Name}.");
        }
        var rest = new QueryCollection(context.Request.Query.Where(p => p.Key != "page[size]").ToDictionary(p => p.Key, p => p.Value));
        var query = _parser.Parse(rest, graph.Get(relationship.TargetTypes[0]), isCollection: false);
        AuthorizeIncludes(context, query.Include, "");
        var owner = await FindAsync(context, id, QueryModel.Empty, tracked: false) ?? throw JsonApiException.NotFound(resource.PublicName, id);
        var ranked = await relationship.Ranked!(context.RequestServices, owner, size, context.RequestAborted);
        var items = await VisibleAsync(context, ranked.Items);
        var included = await LoadIncludedAsync(context, items, query);
        await WriteAsync(context, StatusCodes.Status200OK, w => _writer.WriteCollection(w, items, included, query, links,
            new PageInfo(items.Count, 1, Math.Max(items.Count, 1)), ranked.Meta));
    }

    public async Task<(IReadOnlyList<object> Items, PageInfo Page)> ListOwnedAsync(HttpContext context, QueryModel query, LambdaExpression foreignKey, string ownerId)
    {
        var scoped = Handler(context).Query().Where(QueryApplier.PropertyEquals<T>(foreignKey, ownerId));
        return await PageAsync(context, scoped, query);
    }

    public async Task<IReadOnlyList<object>> VisibleOfTypeAsync(HttpContext context, IReadOnlyList<object> items)
    {
        var handler = Handler(context);
        if (items.Count == 0 || handler.HidesNothing)
            return items;
        var set = new HashSet<string>(StringComparer.Ordinal);
        // In chunks: SQL Server takes at most 2,100 parameters a statement, and a page of 25 orders with their line items
        // reaches more ids than that.
        foreach (var ids in items.Select(resource.GetId).Distinct(StringComparer.Ordinal).Chunk(VisibleIdsPerQuery))
            set.UnionWith(await handler.Query().AsNoTracking().Where(QueryApplier.IdIn<T>(resource, ids)).Select(resource.TypedIdExpression)
                .ToListAsync(context.RequestAborted));
        return [.. items.Where(i => set.Contains(resource.GetId(i)))];
    }

    private const int VisibleIdsPerQuery = 1000;

    public async Task<object?> FindTargetAsync(HttpContext context, string id)
    {
        if (!MayRead(context, resource))
            return null;
        return await Handler(context).QueryForWrite().Where(QueryApplier.IdEquals<T>(resource, id)).FirstOrDefaultAsync(context.RequestAborted);
    }

    /// <summary>Whether the caller's role may read resources of <paramref name="type"/> at all.</summary>
    private static bool MayRead(HttpContext context, ResourceDefinition type)
    {
        try
        {
            Policy(context)?.Authorize(context, type, ResourceOperation.Get);
            return true;
        }
        catch (JsonApiException refused) when (refused.Status == StatusCodes.Status403Forbidden)
        {
            return false;
        }
    }

    /// <summary>The query parameters, and the rule that an include path reaches only types the caller's role may read.</summary>
    private QueryModel Parse(HttpContext context, ResourceDefinition target, bool isCollection)
    {
        var query = _parser.Parse(context.Request.Query, target, isCollection);
        AuthorizeIncludes(context, query.Include, "");
        return query;
    }

    private void AuthorizeIncludes(HttpContext context, IncludeNode node, string prefix)
    {
        foreach (var child in node.Children.Values)
        {
            var path = prefix + child.Relationship!.Name;
            AuthorizeInclude(context, child.Relationship, path);
            AuthorizeIncludes(context, child, path + ".");
        }
    }

    /// <summary>
    /// 403 when the caller's role may read none of the relationship's target types (the error names them). A polymorphic
    /// relationship with at least one readable type is allowed: what it reaches of the other types is left out, as a resource
    /// outside the caller's scope is (<see cref="VisibleAsync"/>), so neither the resource nor its id is shown.
    /// </summary>
    private void AuthorizeInclude(HttpContext context, RelationshipDefinition relationship, string path)
    {
        var refused = relationship.TargetTypes.Where(t => !MayRead(context, graph.Get(t))).ToList();
        if (refused.Count < relationship.TargetTypes.Count)
            return;
        throw new JsonApiException(new ErrorObject(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Forbidden",
            $"Your token may not read {string.Join(" or ", refused)}, so it may not include '{path}'.", ErrorSource.AtParameter("include")));
    }

    /// <summary>The included resources, less what the caller may not read (by the scope of each reached type).</summary>
    private Task<IncludedResources> LoadIncludedAsync(HttpContext context, IReadOnlyList<object> primary, QueryModel query) =>
        _includes.LoadAsync(primary, query.Include, context.RequestServices, context.RequestAborted, items => VisibleAsync(context, items));

    /// <summary>Of resources of any types, those the caller may read, in their order.</summary>
    private async Task<IReadOnlyList<object>> VisibleAsync(HttpContext context, IReadOnlyList<object> items)
    {
        if (items.Count == 0)
            return items;
        var shown = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var group in items.GroupBy(i => graph.ForObject(i).PublicName))
        {
            // A type the role may not read is reached only through a polymorphic relationship (any other is 403 before):
            // its resources are absent.
            if (MayRead(context, graph.Get(group.Key)))
                shown.UnionWith(await endpointsFor(group.Key).VisibleOfTypeAsync(context, [.. group]));
        }
        return shown.Count == items.Count ? items : [.. items.Where(shown.Contains)];
    }

    private async Task<(IReadOnlyList<object> Items, PageInfo Page)> PageAsync(HttpContext context, IQueryable<T> source, QueryModel query)
    {
        var plan = EagerLoadPlan.For(context, query.Include);
        var filtered = QueryApplier.Filter(plan.WalksBack ? source : source.AsNoTracking(), query);
        var count = await filtered.CountAsync(context.RequestAborted);
        var paged = QueryApplier.Page(QueryApplier.Sort(Include(filtered, plan.Paths), query, resource), query);
        var items = await paged.ToListAsync(context.RequestAborted);
        if (plan.WalksBack)
            await LoadNavigationsAsync(plan.Db!, items, query.Include, context.RequestAborted);
        return (items, new PageInfo(count, query.PageNumber, query.PageSize));
    }

    private async Task<T?> FindAsync(HttpContext context, string id, QueryModel query, bool tracked)
    {
        var plan = EagerLoadPlan.For(context, query.Include);
        var source = Handler(context).Query();
        if (!tracked && !plan.WalksBack)
            source = source.AsNoTracking();
        var item = await Include(source, plan.Paths).Where(QueryApplier.IdEquals<T>(resource, id)).FirstOrDefaultAsync(context.RequestAborted);
        if (item is not null && plan.WalksBack)
            await LoadNavigationsAsync(plan.Db!, [item], query.Include, context.RequestAborted);
        return item;
    }

    /// <summary>
    /// The resource a create or an update saved, ready to render without reading it again: an updated one was loaded by
    /// <see cref="IResourceHandler{T}.QueryForWrite"/>, a created one holds what its handler built it with (a
    /// handler's create must set the navigations its computed attributes read, as a read would include them), and the
    /// navigations the include tree names that neither reached are loaded onto it now. What a handler builds but never
    /// stores can therefore be shown once, in the answer to the request that created it (a webhook's secret). Null, and the caller reads the resource again, when no <see cref="DbContext"/> is
    /// registered, or the write left the resource or anything else in the context unsaved or untracked (a write that
    /// threw its changes away, say).
    /// </summary>
    private async Task<T?> SavedAsync(HttpContext context, T written, QueryModel query)
    {
        if (context.RequestServices.GetService<DbContext>() is not { } db
            || db.Entry(written).State != EntityState.Unchanged
            || db.ChangeTracker.HasChanges())
            return null;
        return await LoadNavigationsAsync(db, [written], query.Include, context.RequestAborted) ? written : null;
    }

    /// <summary>Loads the navigations of the include tree onto tracked resources; false when one of them is not tracked.</summary>
    private async Task<bool> LoadNavigationsAsync(DbContext db, IReadOnlyList<object> owners, IncludeNode node, CancellationToken cancellationToken)
    {
        foreach (var child in node.Children.Values)
        {
            var reached = new List<object>();
            foreach (var owner in owners)
            {
                // Loader relationships are asked for when the document is written; a polymorphic owner may name the navigation otherwise.
                if (graph.ForObject(owner).FindRelationship(child.Relationship!.Name) is not { Navigation: { } name })
                    continue;
                var entry = db.Entry(owner);
                if (entry.State != EntityState.Unchanged)
                    return false;
                var navigation = entry.Navigation(name);
                // A reference fixed up from the other side (a price reached from its SKU) already holds what a load would find.
                if (!navigation.IsLoaded && (navigation.Metadata.IsCollection || navigation.CurrentValue is null))
                    await navigation.LoadAsync(cancellationToken);
                if (navigation.CurrentValue is System.Collections.IEnumerable many && navigation.Metadata.IsCollection)
                    reached.AddRange(many.Cast<object>());
                else if (navigation.CurrentValue is { } one)
                    reached.Add(one);
            }
            if (!child.IsEmpty && reached.Count > 0 && !await LoadNavigationsAsync(db, reached, child, cancellationToken))
                return false;
        }
        return true;
    }

    /// <summary>Eager-loads the navigation paths of an <see cref="EagerLoadPlan"/> (loader relationships are resolved later).</summary>
    private static IQueryable<T> Include(IQueryable<T> source, IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
            source = source.Include(path);
        return source;
    }

    /// <summary>
    /// What one query eager-loads of an include tree. EF Core refuses an include path that leads back along the navigation it
    /// came by (<c>skus?include=prices.sku</c>, <c>orders/:id?include=line_items.order</c>): a cycle in a no-tracking query,
    /// and an ignored walk back in any query. Paths stop before such a back-reference; a tree that has one is read tracked
    /// (<see cref="WalksBack"/>), so that EF Core's fix-up sets the back-references to the instances already loaded and the
    /// rest of the tree (a price's SKU's every price, not just those on the page) is loaded onto them afterwards. Every other
    /// read tracks nothing.
    /// </summary>
    private sealed record EagerLoadPlan(IReadOnlyList<string> Paths, bool WalksBack, DbContext? Db)
    {
        public static EagerLoadPlan For(HttpContext context, IncludeNode include)
        {
            var db = context.RequestServices.GetService<DbContext>();
            var paths = new List<string>();
            var walksBack = false;
            Collect(include, "", db?.Model.FindEntityType(typeof(T)), null);
            return new EagerLoadPlan(paths, walksBack && db is not null, db);

            void Collect(IncludeNode node, string prefix, IEntityType? owner, INavigationBase? cameBy)
            {
                foreach (var child in node.Children.Values.Where(c => c.Relationship!.IsNavigation))
                {
                    var name = child.Relationship!.Navigation!;
                    var navigation = (INavigationBase?)owner?.FindNavigation(name) ?? owner?.FindSkipNavigation(name);
                    if (cameBy?.Inverse is { } back && navigation is not null && ReferenceEquals(navigation, back))
                    {
                        walksBack = true;
                        continue;
                    }
                    var path = prefix + name;
                    var deeper = paths.Count;
                    Collect(child, path + ".", navigation?.TargetEntityType, navigation);
                    if (paths.Count == deeper)
                        paths.Add(path);
                }
            }
        }
    }

    private async Task<ResourceInput> ReadAsync(HttpContext context, WriteOperation operation, string? id)
    {
        MediaTypes.CheckContentType(context.Request);
        using var document = await _reader.ParseAsync(context.Request.Body, context.RequestAborted);
        return _reader.Read(document.RootElement, resource, operation, id);
    }

    private async Task WriteSingleAsync(HttpContext context, T item, QueryModel query, int status)
    {
        var included = await LoadIncludedAsync(context, [item], query);
        var links = new LinkBuilder(context.Request, graph.Options.BasePath);
        await WriteAsync(context, status, w => _writer.WriteSingle(w, item, included, query, links));
    }

    private async Task WriteCollectionAsync(HttpContext context, IReadOnlyList<object> items, PageInfo page, QueryModel query)
    {
        var included = await LoadIncludedAsync(context, items, query);
        var links = new LinkBuilder(context.Request, graph.Options.BasePath);
        await WriteAsync(context, StatusCodes.Status200OK, w => _writer.WriteCollection(w, items, included, query, links, page));
    }

    private static Task WriteAsync(HttpContext context, int status, Action<System.Text.Json.Utf8JsonWriter> write) =>
        DocumentWriter.SendAsync(context.Response, status, write, context.RequestAborted);

    private static IResourceAccessPolicy? Policy(HttpContext context) => context.RequestServices.GetService<IResourceAccessPolicy>();

    /// <summary>The handler declared with this resource type, registered under its name.</summary>
    private IResourceHandler<T> Handler(HttpContext context) =>
        context.RequestServices.GetRequiredKeyedService<IResourceHandler<T>>(resource.PublicName);
}
