using Commerce.Api.Checkout;
using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.Domain.Recommendations;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Orders;

/// <summary><c>orders</c>: the aggregate a checkout builds and places.</summary>
internal static class OrdersResource
{
    public static void Define(ResourceGraphBuilder graph, CheckoutOptions checkout) => graph.Add<Order, OrderHandler>("orders", o => o.Id, r => r
        .Describe("An order: built over several requests, then placed with _place.")
        .Attribute(o => o.Number, Can.Read | Can.Query, description: "Sequential number assigned at placement.")
        .Attribute(o => o.Status, Can.Read | Can.Query, description: "draft, pending, placing, placed, approved or cancelled.")
        .Attribute(o => o.PaymentStatus, Can.Read | Can.Query, description: "unpaid, authorized, paid, voided, refunded or free.")
        .Attribute(o => o.FulfillmentStatus, Can.Read | Can.Query)
        .Attribute(o => o.Guest, Can.Read | Can.Query, description: "No customer, or a customer without a password (found or created from customer_email).")
        .Computed("editable", o => o.Editable)
        .Computed("placeable", o => o.Placeable, "Every precondition of placing holds (stock is checked when placing).")
        .Attribute(o => o.CustomerEmail, Can.All, description: "Finds the customer with this email (case-insensitive) or creates one, and links the order to it; "
            + "the caller gains no access to that customer. Sent as null: the order is unlinked. A customer's own token keeps its customer.")
        .WriteOnly<string>("customer_password", Can.Create | Can.Change, "With customer_email: signs the customer up (at least 8 characters; stored hashed, never returned). "
            + "422 when the customer already has a password or other orders.")
        .Attribute(o => o.CurrencyCode, Can.Read | Can.Create | Can.Query,
            description: "ISO 4217, the market's price list's; read-only. Accepted on create when it agrees with the market (with no market named, it picks a market selling in it).")
        .Attribute(o => o.LanguageCode, Can.Read | Can.Write, description: "ISO 639-1; formats the formatted_ amounts.")
        .Attribute(o => o.CountryCode, Can.Read | Can.Query)
        .Attribute(o => o.TaxIncluded, Can.Read | Can.Query, description: "The market's price list's: whether its prices include tax.")
        .Computed("tax_rate", o => o.TaxRateBasisPoints / 10000m)
        .Money("subtotal_amount", o => o.SubtotalAmountCents, o => o.CurrencyCode, o => o.LanguageCode)
        .Money("shipping_amount", o => o.ShippingAmountCents, o => o.CurrencyCode, o => o.LanguageCode)
        .Money("payment_method_amount", o => o.PaymentMethodAmountCents, o => o.CurrencyCode, o => o.LanguageCode)
        .Money("discount_amount", o => o.DiscountAmountCents, o => o.CurrencyCode, o => o.LanguageCode)
        .Attribute(o => o.GiftCardCode, Can.Read | Can.Write,
            description: "Pays with the gift card of this code (matched exactly; failed attempts are rate-limited); blank removes it.")
        .Money("gift_card_amount", o => o.GiftCardAmountCents, o => o.CurrencyCode, o => o.LanguageCode)
        .Money("total_tax_amount", o => o.TotalTaxAmountCents, o => o.CurrencyCode, o => o.LanguageCode)
        .Money("total_amount", o => o.TotalAmountCents, o => o.CurrencyCode, o => o.LanguageCode)
        .Money("total_amount_with_taxes", o => o.TotalAmountWithTaxesCents, o => o.CurrencyCode, o => o.LanguageCode)
        .Attribute(o => o.SkusCount, Can.Read | Can.Query)
        .Computed("payment_source_details", o => o.PaymentSourceDetails)
        .Attribute(o => o.Token, Can.Read, description: "A secret for this one order, e.g. in a checkout link.")
        .Computed("checkout_url", o => checkout.UrlFor(o.Id))
        .Attribute(o => o.PlacedAt, Can.Read | Can.Query)
        .Attribute(o => o.ApprovedAt, Can.Read | Can.Query)
        .Attribute(o => o.CancelledAt, Can.Read | Can.Query)
        .Attribute(o => o.PaymentUpdatedAt, Can.Read | Can.Query)
        .Attribute(o => o.Reference, Can.All)
        .Attribute(o => o.CouponCode, Can.Read | Can.Write | Can.Query,
            description: "A coupon's code (case-insensitive) while draft or pending; blank removes it. One that applies to nothing is 422.")
        .WriteOnly<string?>("gift_card_or_coupon_code", Can.Write, "Old clients: a coupon code when a coupon has this code, else a gift card code.")
        .Attribute(o => o.Metadata, Can.Read | Can.Write, description: "A JSON object: string keys, any values (nested too); at most 50 keys of 40 characters, "
            + "string values of 500, 8000 characters in all. Replaced whole when sent.")
        .Attribute(o => o.CartUrl, Can.Read | Can.Write, description: "The storefront's cart (absolute http(s) URL).")
        .Attribute(o => o.ReturnUrl, Can.Read | Can.Write, description: "Where the customer goes after placing (absolute http(s) URL).")
        .Attribute(o => o.TermsUrl, Can.Read | Can.Write, description: "The shop's terms (absolute http(s) URL).")
        .Attribute(o => o.PrivacyUrl, Can.Read | Can.Write, description: "The shop's privacy policy (absolute http(s) URL).")
        .Attribute(o => o.ExpiresAt, Can.Read | Can.Write | Can.Query, description: "Integrations only: a draft or pending order past it cannot be placed (422 at expires_at).")
        .Attribute(o => o.Autorefresh, Can.Read | Can.Write, description: "Accepted and stored (default true). Every change recomputes the totals whatever its value; "
            + "prices are taken again from the catalog with _refresh.")
        .Attribute(o => o.ArchivedAt, Can.Read | Can.Query, description: "Set by _archive, cleared by _unarchive.")
        .WithTimestamps()
        .ToOne(o => o.Market, "markets", Can.Create)
        .ToOne(o => o.Customer, "customers", Can.Write)
        .ToOne(o => o.BillingAddress, "addresses", Can.Write)
        .ToOne(o => o.ShippingAddress, "addresses", Can.Write)
        .ToOne(o => o.ShippingMethod, "shipping_methods", Can.Write)
        .ToOne(o => o.PaymentMethod, "payment_methods", Can.Write)
        .ToOne(o => o.PaymentSource, [PaymentSourceTypes.ExternalPayments, PaymentSourceTypes.WireTransfers], Can.Write)
        .ToMany(o => o.LineItems, "line_items", l => l.OrderId)
        .Loaded<PaymentTransaction>("authorizations", "authorizations", t => t.OrderId, Transactions(TransactionKind.Authorization))
        .Loaded<PaymentTransaction>("voids", "voids", t => t.OrderId, Transactions(TransactionKind.Void))
        .Loaded<PaymentTransaction>("captures", "captures", t => t.OrderId, Transactions(TransactionKind.Capture))
        .Loaded<PaymentTransaction>("refunds", "refunds", t => t.OrderId, Transactions(TransactionKind.Refund))
        .Loaded<Commerce.Domain.Fulfillment.Shipment>("shipments", "shipments", s => s.OrderId, async (services, order, ct) =>
            await services.GetRequiredService<CommerceDbContext>().Shipments.AsNoTracking().Where(s => s.OrderId == ((Order)order).Id).ToListAsync(ct),
            "Created by the service once the order is placed.")
        .Loaded("available_payment_methods", RelationshipKind.ToMany, "payment_methods", AvailablePaymentMethodsAsync,
            "Enabled payment methods in the order's currency, open to its market.")
        .Loaded("available_shipping_methods", RelationshipKind.ToMany, "shipping_methods", AvailableShippingMethodsAsync,
            "Enabled shipping methods in the order's currency, open to its market, that serve its shipping country.")
        .Ranked("recommendations", "skus", RecommendationsAsync, Recommender.DefaultSize, Recommender.MaxSize,
            "Products bought together with the order's products (the placed orders containing both, most first), in stock, never the "
            + "order's own, padded with the best sellers. meta.result_id is stable for the order. page[size] 4 by default, at most 20.")
        .Trigger<bool>(OrderTriggers.Place, "Places the order: checks every precondition, authorizes the payment, status becomes placed.")
        .Trigger<bool>(OrderTriggers.Cancel, "Cancels a placed or approved order and voids its authorization.")
        .Trigger<bool>(OrderTriggers.Approve, "Approves a placed order.")
        .Trigger<bool>(OrderTriggers.Capture, "Captures the authorized payment.")
        .Trigger<bool>(OrderTriggers.Refund, "Refunds the captured payment and cancels the order.")
        .Trigger<bool>(OrderTriggers.BillingSameAsShipping, "Copies the shipping address into the billing address.")
        .Trigger<bool>(OrderTriggers.ShippingSameAsBilling, "Copies the billing address into the shipping address.")
        .Trigger<bool>(OrderTriggers.Refresh, "Takes prices and names again from the catalog and recomputes the totals.")
        .Trigger<bool>(OrderTriggers.ApproveAndCapture, "Approves a placed order and captures its payment, as one change: nothing is saved if the capture fails.")
        .Trigger<bool>(OrderTriggers.Fulfill, "Marks an approved order fulfilled (fulfillment_status fulfilled).")
        .Trigger<bool>(OrderTriggers.Pending, "A draft order becomes pending (and stays so without line items).")
        .Trigger<bool>(OrderTriggers.Archive, "Archives the order (archived_at), in any status.")
        .Trigger<bool>(OrderTriggers.Unarchive, "Clears archived_at.")
        .Trigger<string>(OrderTriggers.BillingAddressCloneId, "The id of an address the caller may read (a customer: its own, e.g. of its address book): "
            + "the billing address becomes a copy of it.", onCreate: true)
        .Trigger<string>(OrderTriggers.ShippingAddressCloneId, "The id of an address the caller may read: the shipping address becomes a copy of it.", onCreate: true)
        .Trigger<string>(OrderTriggers.CustomerPaymentSourceId, "The id of a customer_payment_sources entry of the order's customer: the order pays with a copy "
            + "of its source (and its payment method when the order has none).", onCreate: true)
        .Trigger<bool>(OrderTriggers.SaveBillingAddress, "When the order is placed, a copy of its billing address is added to its customer's address book.", onCreate: true)
        .Trigger<bool>(OrderTriggers.SaveShippingAddress, "When the order is placed, a copy of its shipping address is added to its customer's address book.", onCreate: true)
        .Trigger<bool>(OrderTriggers.SavePaymentSource, "When the order is placed, its payment source is kept in its customer's wallet.", onCreate: true));

    private static async Task<RankedList> RecommendationsAsync(IServiceProvider services, object order, int size, CancellationToken cancellationToken)
    {
        var recommendation = await services.GetRequiredService<Recommender>().ForOrderAsync((Order)order, size, cancellationToken: cancellationToken);
        return new RankedList(recommendation.Skus, new Dictionary<string, object?>
        {
            ["result_id"] = recommendation.ResultId,
            ["slot_id"] = recommendation.SlotId,
        });
    }

    private static RelationshipLoader Transactions(string kind) => async (services, order, ct) =>
        await services.GetRequiredService<CommerceDbContext>().PaymentTransactions.AsNoTracking().Include(t => t.Order)
            .Where(t => t.OrderId == ((Order)order).Id && t.Kind == kind)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .ToListAsync(ct);

    private static async Task<IReadOnlyList<object>> AvailablePaymentMethodsAsync(IServiceProvider services, object resource, CancellationToken ct) =>
        [.. await AvailableMethods.PaymentMethodsAsync(services.GetRequiredService<CommerceDbContext>(), (Order)resource, ct)];

    private static async Task<IReadOnlyList<object>> AvailableShippingMethodsAsync(IServiceProvider services, object resource, CancellationToken ct) =>
        [.. await AvailableMethods.ShippingMethodsAsync(services.GetRequiredService<CommerceDbContext>(), (Order)resource, ct)];
}

internal static class OrderTriggers
{
    public const string Place = "_place";
    public const string Cancel = "_cancel";
    public const string Approve = "_approve";
    public const string Capture = "_capture";
    public const string Refund = "_refund";
    public const string BillingSameAsShipping = "_billing_address_same_as_shipping";
    public const string ShippingSameAsBilling = "_shipping_address_same_as_billing";
    public const string Refresh = "_refresh";
    public const string ApproveAndCapture = "_approve_and_capture";
    public const string Fulfill = "_fulfill";
    public const string Pending = "_pending";
    public const string Archive = "_archive";
    public const string Unarchive = "_unarchive";
    public const string BillingAddressCloneId = "_billing_address_clone_id";
    public const string ShippingAddressCloneId = "_shipping_address_clone_id";
    public const string CustomerPaymentSourceId = "_customer_payment_source_id";
    public const string SaveBillingAddress = "_save_billing_address_to_customer_address_book";
    public const string SaveShippingAddress = "_save_shipping_address_to_customer_address_book";
    public const string SavePaymentSource = "_save_payment_source_to_customer_wallet";

    /// <summary>The triggers that move the order through its life; one per request.</summary>
    public static readonly string[] Lifecycle = [Place, Cancel, Approve, Capture, Refund, ApproveAndCapture, Fulfill];
}
