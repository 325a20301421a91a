using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Orders;

/// <summary>
/// The shipping and payment methods an order may choose (its <c>available_shipping_methods</c> and
/// <c>available_payment_methods</c>, and Magento's cart fields of the same names): enabled, in the order's currency, and for
/// shipping, serving its shipping country when it has one. Read untracked.
/// </summary>
internal static class AvailableMethods
{
    public static async Task<IReadOnlyList<PaymentMethod>> PaymentMethodsAsync(CommerceDbContext db, Order order, CancellationToken ct) =>
        await db.PaymentMethods.AsNoTracking()
            .Where(m => m.DisabledAt == null && m.CurrencyCode == order.CurrencyCode)
            .OrderBy(m => m.Name).ThenBy(m => m.Id)
            .ToListAsync(ct);

    public static async Task<IReadOnlyList<ShippingMethod>> ShippingMethodsAsync(CommerceDbContext db, Order order, CancellationToken ct)
    {
        var country = order.ShippingAddress?.CountryCode ?? (order.ShippingAddressId is { } addressId
            ? await db.Addresses.AsNoTracking().Where(a => a.Id == addressId).Select(a => a.CountryCode).FirstOrDefaultAsync(ct)
            : null);
        var methods = await db.ShippingMethods.AsNoTracking()
            .Where(m => m.DisabledAt == null && m.CurrencyCode == order.CurrencyCode)
            .OrderBy(m => m.PriceAmountCents).ThenBy(m => m.Id)
            .ToListAsync(ct);
        return [.. methods.Where(m => country is null || m.Serves(country))];
    }
}
