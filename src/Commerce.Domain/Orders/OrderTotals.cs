using Commerce.Domain.Catalog;
using Commerce.Domain.Money;

namespace Commerce.Domain.Orders;

/// <summary>
/// The money of an order, all in minor units of the order's currency.
/// <list type="bullet">
/// <item><c>subtotal</c> = Σ line unit_amount × quantity.</item>
/// <item><c>shipping</c> = shipping method's <see cref="ShippingMethod.PriceFor"/>(subtotal); 0 when no method
/// is chosen or no line item needs shipping (every SKU is <c>do_not_ship</c>).</item>
/// <item><c>payment_method</c> = the payment method's fee (<c>price_amount_cents</c>), 0 without one.</item>
/// <item><c>discount</c> = Σ the discount lines (≤ 0; free shipping instead counts as no shipping), never more than the
/// subtotal takes off.</item>
/// <item>taxable = subtotal + shipping + payment_method + discount (freight and fees are taxed).</item>
/// <item>rate r (basis points) from <see cref="TaxRateTable"/> for the order's <c>country_code</c>.</item>
/// <item>tax included: <c>total_tax</c> = round(taxable × r / (10000 + r)); the prices already hold it,
/// so <c>total</c> = taxable.</item>
/// <item>tax excluded: <c>total_tax</c> = round(taxable × r / 10000); <c>total</c> = taxable + total_tax.</item>
/// <item><c>gift_cards</c> = Σ the gift cards the order buys: part of the subtotal and the total, outside discounts, shipping
/// thresholds and the tax base (a general-purpose voucher is a payment in advance; its tax is due when it is spent).</item>
/// <item><c>total_amount_with_taxes</c> = <c>total_amount</c> = what the customer pays and what is authorized
/// (both always include tax; kept as two attributes for Commerce Layer clients).</item>
/// </list>
/// round = <see cref="MoneyMath.DivideRounded"/>: integer division, halves away from zero (never banker's).
/// </summary>
public sealed record OrderTotals(
    long SubtotalAmountCents,
    long ShippingAmountCents,
    long PaymentMethodAmountCents,
    long DiscountAmountCents,
    int TaxRateBasisPoints,
    long TotalTaxAmountCents,
    long TotalAmountCents,
    long TotalAmountWithTaxesCents)
{
    public static OrderTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public static OrderTotals Calculate(
        long subtotalCents,
        bool needsShipping,
        ShippingMethod? shippingMethod,
        PaymentMethod? paymentMethod,
        int taxRateBasisPoints,
        bool taxIncluded,
        long discountCents = 0,
        long giftCardsCents = 0)
    {
        if (discountCents > 0)
            throw new ArgumentOutOfRangeException(nameof(discountCents), "A discount is never positive.");
        var shipping = needsShipping && shippingMethod is not null ? shippingMethod.PriceFor(subtotalCents) : 0;
        var fee = paymentMethod?.PriceAmountCents ?? 0;
        var discount = Math.Max(discountCents, -subtotalCents);
        var taxable = checked(subtotalCents + shipping + fee + discount);
        long tax;
        long total;
        if (taxIncluded)
        {
            tax = MoneyMath.MultiplyDivide(taxable, taxRateBasisPoints, 10000L + taxRateBasisPoints);
            total = taxable;
        }
        else
        {
            tax = MoneyMath.MultiplyDivide(taxable, taxRateBasisPoints, 10000L);
            total = checked(taxable + tax);
        }

        total = checked(total + giftCardsCents);
        return new(checked(subtotalCents + giftCardsCents), shipping, fee, discount, taxRateBasisPoints, tax, total, total);
    }
}
