using System.Linq.Expressions;
using Commerce.Domain.Money;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources;

internal static class MoneyAttributes
{
    /// <summary>
    /// A money family as the contract wants it: <c>X_cents</c> (stored, integer, filterable and sortable),
    /// <c>X_float</c> and <c>formatted_X</c> (computed in the resource's currency and language).
    /// </summary>
    public static ResourceBuilder<T> Money<T>(this ResourceBuilder<T> builder, string name, Expression<Func<T, long>> cents,
        Func<T, string> currency, Func<T, string?> language, Can capabilities = Can.Read | Can.Query, string? description = null) where T : class
    {
        var read = cents.Compile();
        return builder
            .Attribute(cents, capabilities, name: $"{name}_cents", description: description)
            .Computed($"{name}_float", r => MoneyFormatter.ToFloat(read(r), currency(r)))
            .Computed($"formatted_{name}", r => MoneyFormatter.Format(read(r), currency(r), language(r)));
    }

    /// <summary>A money family whose amount may be absent (null in all three forms).</summary>
    public static ResourceBuilder<T> OptionalMoney<T>(this ResourceBuilder<T> builder, string name, Expression<Func<T, long?>> cents,
        Func<T, string> currency, Func<T, string?> language, Can capabilities = Can.Read | Can.Query, string? description = null) where T : class
    {
        var read = cents.Compile();
        return builder
            .Attribute(cents, capabilities, name: $"{name}_cents", description: description)
            .Computed($"{name}_float", r => read(r) is { } c ? MoneyFormatter.ToFloat(c, currency(r)) : (double?)null)
            .Computed($"formatted_{name}", r => read(r) is { } c ? MoneyFormatter.Format(c, currency(r), language(r)) : null);
    }
}
