using Commerce.Domain.Common;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources;

internal static class ResourceBuilderExtensions
{
    /// <summary><c>created_at</c> and <c>updated_at</c>: readable, filterable, sortable; lists default to newest last.</summary>
    public static ResourceBuilder<T> WithTimestamps<T>(this ResourceBuilder<T> builder) where T : Entity =>
        builder
            .Attribute(e => e.CreatedAt, Can.Read | Can.Query)
            .Attribute(e => e.UpdatedAt, Can.Read | Can.Query)
            .DefaultSort(e => e.CreatedAt);
}
