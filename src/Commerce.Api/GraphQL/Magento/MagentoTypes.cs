using System.Globalization;
using Commerce.Api.Persistence;
using Commerce.Api.Resources.Orders;
using Commerce.Domain.Catalog;
using Commerce.Domain.Money;
using Commerce.Domain.Orders;
using Commerce.Domain.Placement;
using GraphQL;
using GraphQL.Types;

namespace Commerce.Api.GraphQL.Magento;

/// <summary>An amount in a currency, as Magento writes it: <c>value</c> in major units (a float), <c>currency</c> the ISO code.</summary>
internal sealed record MagentoMoney(decimal Value, string Currency)
{
    public static MagentoMoney Of(long cents, string currency) =>
        new(cents / (decimal)Currencies.Get(currency).Factor, currency.ToUpperInvariant());
}

internal sealed class MoneyType : ObjectGraphType<MagentoMoney>
{
    public MoneyType()
    {
        Name = "Money";
        Description = "An amount: value in major units, in a currency.";
        Field<FloatGraphType>("value").Resolve(c => c.Source.Value);
        Field<CurrencyEnumType>("currency").Resolve(c => c.Source.Currency);
    }
}

/// <summary>Magento's <c>CurrencyEnum</c>: the ISO 4217 codes the service knows.</summary>
internal sealed class CurrencyEnumType : EnumerationGraphType
{
    public CurrencyEnumType()
    {
        Name = "CurrencyEnum";
        foreach (var code in Currencies.Codes.Order(StringComparer.Ordinal))
            Add(code, code);
    }
}

internal sealed class ProductStockStatusType : EnumerationGraphType
{
    public ProductStockStatusType()
    {
        Name = "ProductStockStatus";
        Add("IN_STOCK", "IN_STOCK");
        Add("OUT_OF_STOCK", "OUT_OF_STOCK");
    }
}

/// <summary>Magento's <c>ProductInterface</c>, for a SKU.</summary>
internal sealed class ProductInterfaceType : InterfaceGraphType<Sku>
{
    public ProductInterfaceType()
    {
        Name = "ProductInterface";
        Field<NonNullGraphType<IdGraphType>>("uid");
        Field<StringGraphType>("sku");
        Field<StringGraphType>("name");
        Field<ProductStockStatusType>("stock_status");
    }
}

internal sealed class SimpleProductType : ObjectGraphType<Sku>
{
    public SimpleProductType()
    {
        Name = "SimpleProduct";
        Interface<ProductInterfaceType>();
        ProductFields.Add(this);
        IsTypeOf = o => o is Sku;
    }
}

internal static class ProductFields
{
    public static void Add(ObjectGraphType<Sku> type)
    {
        type.Field<NonNullGraphType<IdGraphType>>("uid").Resolve(c => c.Source.Id);
        type.Field<StringGraphType>("sku").Resolve(c => c.Source.Code);
        type.Field<StringGraphType>("name").Resolve(c => c.Source.Name);
        type.Field<ProductStockStatusType>("stock_status").ResolveAsync(async c =>
        {
            var available = await c.RequestServices!.GetRequiredService<IPlacementStore>().FindStockAsync([c.Source.Id], c.CancellationToken);
            return available.GetValueOrDefault(c.Source.Id) > 0 ? "IN_STOCK" : "OUT_OF_STOCK";
        });
    }
}

internal sealed class CartItemPricesType : ObjectGraphType<LineItem>
{
    public CartItemPricesType()
    {
        Name = "CartItemPrices";
        Field<MoneyType>("price").Resolve(c => MagentoMoney.Of(c.Source.UnitAmountCents, c.Source.CurrencyCode));
        Field<MoneyType>("row_total").Resolve(c => MagentoMoney.Of(c.Source.TotalAmountCents, c.Source.CurrencyCode));
    }
}

/// <summary>Magento's <c>CartItemInterface</c>, for a line item.</summary>
internal sealed class CartItemInterfaceType : InterfaceGraphType<LineItem>
{
    public CartItemInterfaceType()
    {
        Name = "CartItemInterface";
        Field<NonNullGraphType<StringGraphType>>("id");
        Field<NonNullGraphType<IdGraphType>>("uid");
        Field<NonNullGraphType<FloatGraphType>>("quantity");
        Field<NonNullGraphType<ProductInterfaceType>>("product");
        Field<CartItemPricesType>("prices");
    }
}

internal sealed class SimpleCartItemType : ObjectGraphType<LineItem>
{
    public SimpleCartItemType()
    {
        Name = "SimpleCartItem";
        Interface<CartItemInterfaceType>();
        CartItemFields.Add(this);
        IsTypeOf = o => o is LineItem;
    }
}

internal static class CartItemFields
{
    public static void Add(ObjectGraphType<LineItem> type)
    {
        type.Field<NonNullGraphType<StringGraphType>>("id").Description("The line item's id (Magento: deprecated, use uid).").Resolve(c => c.Source.Id);
        type.Field<NonNullGraphType<IdGraphType>>("uid").Resolve(c => c.Source.Id);
        type.Field<NonNullGraphType<FloatGraphType>>("quantity").Resolve(c => (double)c.Source.Quantity);
        type.Field<NonNullGraphType<ProductInterfaceType>>("product").Resolve(c => c.Source.Sku);
        type.Field<CartItemPricesType>("prices").Resolve(c => c.Source);
    }
}

internal sealed class CartAddressRegionType : ObjectGraphType<Address>
{
    public CartAddressRegionType()
    {
        Name = "CartAddressRegion";
        Field<StringGraphType>("code").Resolve(c => c.Source.StateCode);
        Field<StringGraphType>("label").Resolve(c => c.Source.StateCode);
        Field<IntGraphType>("region_id").Description("Not kept: regions are codes here.").Resolve(_ => null);
    }
}

internal sealed class CartAddressCountryType : ObjectGraphType<Address>
{
    public CartAddressCountryType()
    {
        Name = "CartAddressCountry";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.CountryCode);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.CountryCode);
    }
}

/// <summary>A shipping method offered or chosen, with the cart it prices against.</summary>
internal sealed record CartShippingMethod(ShippingMethod Method, Order Cart);

internal static class ShippingMethodFields
{
    public static void Add(ObjectGraphType<CartShippingMethod> type)
    {
        type.Field<NonNullGraphType<StringGraphType>>("carrier_code").Description("The shipping method's id.").Resolve(c => c.Source.Method.Id);
        type.Field<NonNullGraphType<StringGraphType>>("carrier_title").Resolve(c => c.Source.Method.Name);
        type.Field<NonNullGraphType<StringGraphType>>("method_code").Description("The shipping method's id, again.").Resolve(c => c.Source.Method.Id);
        type.Field<NonNullGraphType<StringGraphType>>("method_title").Resolve(c => c.Source.Method.Name);
        type.Field<NonNullGraphType<MoneyType>>("amount").Resolve(c =>
            MagentoMoney.Of(c.Source.Method.PriceFor(c.Source.Cart.SubtotalAmountCents), c.Source.Method.CurrencyCode));
    }
}

internal sealed class AvailableShippingMethodType : ObjectGraphType<CartShippingMethod>
{
    public AvailableShippingMethodType()
    {
        Name = "AvailableShippingMethod";
        ShippingMethodFields.Add(this);
        Field<NonNullGraphType<BooleanGraphType>>("available").Resolve(_ => true);
        Field<StringGraphType>("error_message").Resolve(_ => null);
    }
}

internal sealed class SelectedShippingMethodType : ObjectGraphType<CartShippingMethod>
{
    public SelectedShippingMethodType()
    {
        Name = "SelectedShippingMethod";
        ShippingMethodFields.Add(this);
    }
}

internal static class CartAddressFields
{
    public static void Add(ObjectGraphType<Address> type)
    {
        type.Field<StringGraphType>("firstname").Resolve(c => c.Source.FirstName);
        type.Field<StringGraphType>("lastname").Resolve(c => c.Source.LastName);
        type.Field<StringGraphType>("company").Resolve(c => c.Source.Company);
        type.Field<ListGraphType<StringGraphType>>("street").Resolve(c => MagentoAddress.StreetOf(c.Source));
        type.Field<StringGraphType>("city").Resolve(c => c.Source.City);
        type.Field<CartAddressRegionType>("region").Resolve(c => c.Source.StateCode is null ? null : c.Source);
        type.Field<StringGraphType>("postcode").Resolve(c => c.Source.ZipCode);
        type.Field<NonNullGraphType<CartAddressCountryType>>("country").Resolve(c => c.Source);
        type.Field<StringGraphType>("telephone").Resolve(c => c.Source.Phone);
    }
}

/// <summary>The cart's shipping address; the cart rides along for its methods.</summary>
internal sealed class ShippingCartAddressType : ObjectGraphType<Order>
{
    public ShippingCartAddressType()
    {
        Name = "ShippingCartAddress";
        Field<StringGraphType>("firstname").Resolve(c => c.Source.ShippingAddress!.FirstName);
        Field<StringGraphType>("lastname").Resolve(c => c.Source.ShippingAddress!.LastName);
        Field<StringGraphType>("company").Resolve(c => c.Source.ShippingAddress!.Company);
        Field<ListGraphType<StringGraphType>>("street").Resolve(c => MagentoAddress.StreetOf(c.Source.ShippingAddress!));
        Field<StringGraphType>("city").Resolve(c => c.Source.ShippingAddress!.City);
        Field<CartAddressRegionType>("region").Resolve(c => c.Source.ShippingAddress!.StateCode is null ? null : c.Source.ShippingAddress);
        Field<StringGraphType>("postcode").Resolve(c => c.Source.ShippingAddress!.ZipCode);
        Field<NonNullGraphType<CartAddressCountryType>>("country").Resolve(c => c.Source.ShippingAddress);
        Field<StringGraphType>("telephone").Resolve(c => c.Source.ShippingAddress!.Phone);
        Field<ListGraphType<AvailableShippingMethodType>>("available_shipping_methods").ResolveAsync(async c =>
        {
            var db = c.RequestServices!.GetRequiredService<CommerceDbContext>();
            var methods = await AvailableMethods.ShippingMethodsAsync(db, c.Source, c.CancellationToken);
            return methods.Select(m => new CartShippingMethod(m, c.Source)).ToList();
        });
        Field<SelectedShippingMethodType>("selected_shipping_method")
            .Resolve(c => c.Source.ShippingMethod is { } method ? new CartShippingMethod(method, c.Source) : null);
    }
}

internal sealed class BillingCartAddressType : ObjectGraphType<Address>
{
    public BillingCartAddressType()
    {
        Name = "BillingCartAddress";
        CartAddressFields.Add(this);
    }
}

internal sealed class AvailablePaymentMethodType : ObjectGraphType<PaymentMethod>
{
    public AvailablePaymentMethodType()
    {
        Name = "AvailablePaymentMethod";
        Field<NonNullGraphType<StringGraphType>>("code").Description("The payment method's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Name);
    }
}

internal sealed class SelectedPaymentMethodType : ObjectGraphType<PaymentMethod>
{
    public SelectedPaymentMethodType()
    {
        Name = "SelectedPaymentMethod";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Name);
        Field<StringGraphType>("purchase_order_number").Resolve(_ => null);
    }
}

internal sealed class CartTaxItemType : ObjectGraphType<Order>
{
    public CartTaxItemType()
    {
        Name = "CartTaxItem";
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => string.Create(CultureInfo.InvariantCulture, $"Tax {c.Source.TaxRateBasisPoints / 100m:0.##}%"));
        Field<NonNullGraphType<MoneyType>>("amount").Resolve(c => MagentoMoney.Of(c.Source.TotalTaxAmountCents, c.Source.CurrencyCode));
    }
}

internal sealed class CartPricesType : ObjectGraphType<Order>
{
    public CartPricesType()
    {
        Name = "CartPrices";
        Field<MoneyType>("grand_total").Resolve(c => MagentoMoney.Of(c.Source.TotalAmountWithTaxesCents, c.Source.CurrencyCode));
        Field<MoneyType>("subtotal_including_tax").Description("Null when the cart's prices exclude tax.")
            .Resolve(c => c.Source.TaxIncluded ? MagentoMoney.Of(c.Source.SubtotalAmountCents, c.Source.CurrencyCode) : null);
        Field<MoneyType>("subtotal_excluding_tax").Description("Null when the cart's prices include tax.")
            .Resolve(c => c.Source.TaxIncluded ? null : MagentoMoney.Of(c.Source.SubtotalAmountCents, c.Source.CurrencyCode));
        Field<ListGraphType<CartTaxItemType>>("applied_taxes").Resolve(c => c.Source.TotalTaxAmountCents > 0 ? new[] { c.Source } : [])
            .FieldType.WithComplexityImpact(1, 1);
        Field<ListGraphType<DiscountType>>("discounts").Description("The promotions that fired, each with what it took off (positive, as Magento shows it); null without one.")
            .Resolve(c => c.Source.LineItems.Where(l => !l.IsSku && !l.IsBought && !l.IsGiftCardRedemption).ToList() is { Count: > 0 } lines ? lines : null);
    }
}

/// <summary>Magento's <c>Discount</c>: a discount line of the order.</summary>
internal sealed class DiscountType : ObjectGraphType<LineItem>
{
    public DiscountType()
    {
        Name = "Discount";
        Field<NonNullGraphType<MoneyType>>("amount").Resolve(c => MagentoMoney.Of(-c.Source.TotalAmountCents, c.Source.CurrencyCode));
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Name);
        Field<AppliedCouponType>("coupon").Resolve(c => c.Source.CouponCode);
    }
}

/// <summary>Magento's <c>AppliedCoupon</c>.</summary>
internal sealed class AppliedCouponType : ObjectGraphType<string>
{
    public AppliedCouponType()
    {
        Name = "AppliedCoupon";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source);
    }
}

/// <summary>
/// Adobe Commerce's <c>AppliedGiftCard</c>: the cart's card, what it pays of this cart (<c>applied_balance</c>) and what it
/// holds (<c>current_balance</c>, taken only when the order is placed), in the cart's currency.
/// </summary>
internal sealed class AppliedGiftCardType : ObjectGraphType<Order>
{
    public AppliedGiftCardType()
    {
        Name = "AppliedGiftCard";
        Field<StringGraphType>("code").Resolve(c => c.Source.GiftCardCode);
        Field<MoneyType>("applied_balance").Resolve(c => MagentoMoney.Of(-c.Source.GiftCardAmountCents, c.Source.CurrencyCode));
        Field<MoneyType>("current_balance").Resolve(c => c.Source.GiftCard is { } card ? MagentoMoney.Of(card.BalanceCents, card.CurrencyCode) : null);
        Field<StringGraphType>("expiration_date").Description("ISO 8601; null when the card does not expire.")
            .Resolve(c => c.Source.GiftCard?.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Magento's <c>Cart</c>: a draft (or pending) order.</summary>
internal sealed class CartType : ObjectGraphType<Order>
{
    public CartType()
    {
        Name = "Cart";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The order's id.").Resolve(c => c.Source.Id);
        Field<StringGraphType>("email").Resolve(c => c.Source.CustomerEmail);
        Field<NonNullGraphType<BooleanGraphType>>("is_virtual").Resolve(c => c.Source.LineItems.Count > 0 && !c.Source.RequiresShipping);
        Field<NonNullGraphType<FloatGraphType>>("total_quantity").Resolve(c => (double)c.Source.SkusCount);
        // Magento's items are the products: discount lines are prices.discounts, the paying gift card is not an item.
        Field<ListGraphType<CartItemInterfaceType>>("items").Resolve(c => c.Source.LineItems.Where(l => l.IsSku).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).ToList());
        Field<ListGraphType<AppliedCouponType>>("applied_coupons").Description("The cart's coupon (one at most); null without one, as Magento answers.")
            .Resolve(c => c.Source.CouponCode is { } code ? new[] { code } : null);
        Field<AppliedCouponType>("applied_coupon").Description("Deprecated in Magento: use applied_coupons.").Resolve(c => c.Source.CouponCode);
        Field<ListGraphType<AppliedGiftCardType>>("applied_gift_cards").Description("The cart's gift card (one at most); empty without one, as Adobe Commerce answers.")
            .Resolve(c => c.Source.GiftCardCode is null ? Array.Empty<Order>() : new[] { c.Source });
        // At most one shipping address: its children count once in the query's complexity, not five times.
        Field<NonNullGraphType<ListGraphType<ShippingCartAddressType>>>("shipping_addresses")
            .Resolve(c => c.Source.ShippingAddress is null ? Array.Empty<Order>() : new[] { c.Source })
            .FieldType.WithComplexityImpact(1, 1);
        Field<BillingCartAddressType>("billing_address").Resolve(c => c.Source.BillingAddress);
        Field<ListGraphType<AvailablePaymentMethodType>>("available_payment_methods").ResolveAsync(async c =>
            await AvailableMethods.PaymentMethodsAsync(c.RequestServices!.GetRequiredService<CommerceDbContext>(), c.Source, c.CancellationToken));
        Field<NonNullGraphType<SelectedPaymentMethodType>>("selected_payment_method").Resolve(c => c.Source.PaymentMethod ?? NoPaymentMethod);
        Field<CartPricesType>("prices").Resolve(c => c.Source);
    }

    /// <summary>Magento answers an empty selected method (code "") rather than null.</summary>
    private static readonly PaymentMethod NoPaymentMethod = new("", "", "", null);
}
