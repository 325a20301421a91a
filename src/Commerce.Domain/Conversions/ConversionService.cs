using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Money;
using Commerce.Domain.Orders;
using Commerce.Domain.Recommendations;

namespace Commerce.Domain.Conversions;

/// <summary>How a conversion names its shopper: by the shop's customer reference, or by a visitor id (a tracking cookie).</summary>
public enum ConversionLink
{
    /// <summary>Nosto's <c>BY_REF</c>: the id is a customer's <c>reference</c>.</summary>
    CustomerReference,
    /// <summary>Nosto's <c>BY_ID</c> / <c>BY_CID</c>: the id is a visitor id, stored and never used to authorize anything.</summary>
    VisitorId,
}

/// <summary>One purchased item of a conversion: the SKU code, the product it belongs to, its price in a currency's major units.</summary>
public sealed record ConversionItem(string SkuId, string? ProductId, string? Name, string CurrencyCode, decimal UnitPrice, int Quantity);

/// <summary>The shopper of a conversion, as the other system knows them.</summary>
public sealed record ConversionCustomer(string? FirstName, string? LastName, string? Email, bool? MarketingPermission, string? CustomerReference);

/// <summary>
/// An order placed elsewhere, to record here (Nosto's <c>placeOrder</c>): its <see cref="Number"/> there is the key, so
/// recording it again updates the same order.
/// </summary>
public sealed record ConversionRequest(
    ConversionLink By,
    string LinkId,
    string Number,
    string? OrderStatus,
    string? PaymentProvider,
    string? Ref,
    ConversionCustomer? Customer,
    IReadOnlyList<ConversionItem> Items);

/// <summary>What a save of a recorded order came to.</summary>
public enum ConversionSave
{
    Saved,
    /// <summary>Another request recorded the same number, or changed the order, first: load again and retry.</summary>
    Lost,
}

/// <summary>The persistence port of <see cref="ConversionService"/>.</summary>
public interface IConversionStore
{
    /// <summary>The order recorded under <paramref name="number"/>, loaded whole and tracked, or null.</summary>
    Task<Order?> FindRecordedAsync(string number, CancellationToken cancellationToken);

    /// <summary>The customer whose reference is <paramref name="reference"/>, or null.</summary>
    Task<Customer?> FindCustomerByReferenceAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// The SKUs of <paramref name="items"/> by code; a code the catalog does not have yet is added (its name from the item, its
    /// reference the product id; no price and no stock: not sold here until given them). Tracked.
    /// </summary>
    Task<IReadOnlyDictionary<string, Sku>> SkusForAsync(IReadOnlyList<ConversionItem> items, CancellationToken cancellationToken);

    /// <summary>The market a new recorded order in <paramref name="currencyCode"/> belongs to (the one selling in that currency).</summary>
    /// <exception cref="DomainException">No enabled market sells in that currency.</exception>
    Task<Market> MarketForAsync(string currencyCode, CancellationToken cancellationToken);

    /// <summary>The next order number, for <paramref name="orderId"/>.</summary>
    Task<long> NextOrderNumberAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the order, the key of a new recording (<paramref name="isNew"/>: unique by <paramref name="number"/>) and
    /// <paramref name="counts"/> in one transaction; <see cref="ConversionSave.Lost"/>, and nothing saved, when another request
    /// recorded the number first or changed the order since it was loaded.
    /// </summary>
    Task<ConversionSave> SaveAsync(Order order, bool isNew, string number, PurchaseCountChange counts, CancellationToken cancellationToken);

    /// <summary>Forgets what the last attempt loaded and changed, before another.</summary>
    void Reset();
}

/// <summary>
/// Records orders placed elsewhere (conversions) as ordinary orders: an upsert keyed by the other system's number, kept in
/// <c>reference</c>; the rest of what it says in <c>metadata</c> (keys <see cref="MetadataKeys"/>). No gateway is asked and
/// no stock moves; the recommender's counts follow (<see cref="PurchaseCounts"/>).
/// </summary>
public sealed class ConversionService(IConversionStore store, TimeProvider clock)
{
    /// <summary>At most this many characters in a number, a link id, a status, a provider or a ref.</summary>
    public const int MaxTextLength = 200;
    private const int Attempts = 4;

    /// <summary>The metadata keys a recording writes (each recording replaces them all).</summary>
    public static class MetadataKeys
    {
        public const string Source = "source";
        public const string OrderStatus = "nosto_order_status";
        public const string PaymentProvider = "nosto_payment_provider";
        public const string Ref = "nosto_ref";
        public const string LinkedBy = "nosto_linked_by";
        public const string CustomerReference = "nosto_customer_reference";
        public const string VisitorId = "nosto_visitor_id";
        public const string FirstName = "nosto_first_name";
        public const string LastName = "nosto_last_name";
        public const string MarketingPermission = "nosto_marketing_permission";
        public const string ProductIds = "nosto_product_ids";

        public static readonly string[] All =
            [Source, OrderStatus, PaymentProvider, Ref, LinkedBy, CustomerReference, VisitorId, FirstName, LastName, MarketingPermission, ProductIds];
    }

    /// <summary>The value of <see cref="MetadataKeys.Source"/>.</summary>
    public const string SourceValue = "nosto";

    /// <summary>
    /// Records the conversion: a new placed (or cancelled) order the first time its number is seen, the same order updated
    /// after. Concurrent recordings of one number make one order.
    /// </summary>
    /// <exception cref="DomainException">number, id, order_status, items (none, several currencies, an unknown currency, a price
    /// or quantity out of range, a SKU code the catalog cannot take), customer_email.</exception>
    public async Task<Order> RecordAsync(ConversionRequest request, CancellationToken cancellationToken)
    {
        var currency = Validate(request);
        var mapped = MapStatus(request.OrderStatus);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.FindRecordedAsync(request.Number, cancellationToken);
            var order = existing ?? Order.CreateRecorded(await store.MarketForAsync(currency, cancellationToken), request.Number);
            if (!string.Equals(order.CurrencyCode, currency, StringComparison.OrdinalIgnoreCase))
                throw new DomainException(FailureCodes.ValidationError,
                    $"order {request.Number} was recorded in {order.CurrencyCode}: its items cannot be in {currency}", "items");
            var before = PurchaseCounts.BasketOf(order);

            var skus = await store.SkusForAsync(request.Items, cancellationToken);
            var lines = request.Items.Select(i => new RecordedLine(skus[i.SkuId], ToMinorUnits(i.UnitPrice, currency), i.Quantity)).ToList();
            Customer? customer = null;
            if (request.By == ConversionLink.CustomerReference)
                customer = await store.FindCustomerByReferenceAsync(request.LinkId, cancellationToken);
            var number = existing?.Number ?? await store.NextOrderNumberAsync(order.Id, cancellationToken);
            order.Record(new RecordedSale(lines, request.Customer?.Email, customer, mapped.PaymentStatus, mapped.Cancelled,
                MetadataOf(request, customer), MetadataKeys.All), number, clock.GetUtcNow());

            var counts = PurchaseCounts.Between(before, PurchaseCounts.BasketOf(order));
            if (await store.SaveAsync(order, existing is null, request.Number, counts, cancellationToken) == ConversionSave.Saved)
                return order;
            if (attempt == Attempts)
                throw new DomainException(FailureCodes.Conflict, $"order {request.Number} is being recorded by another request; try again", "number");
            store.Reset();
        }
    }

    /// <summary>The status an order placed elsewhere has here: what its <c>orderStatus</c> says (kept raw in metadata).</summary>
    public static (string PaymentStatus, bool Cancelled) MapStatus(string? orderStatus) =>
        orderStatus?.Trim().ToLowerInvariant() switch
        {
            "paid" or "complete" or "completed" or "captured" or "fulfilled" or "shipped" or "delivered" or "closed" => (PaymentStatus.Paid, false),
            "authorized" or "authorised" => (PaymentStatus.Authorized, false),
            "cancelled" or "canceled" or "voided" => (PaymentStatus.Voided, true),
            "refunded" => (PaymentStatus.Refunded, true),
            _ => (PaymentStatus.Unpaid, false), // pending, new, processing, unpaid, or a status of the shop's own
        };

    /// <summary>
    /// A price in major units as integer minor units of <paramref name="currency"/> (22.43 EUR → 2243, 1200 JPY → 1200), rounded
    /// half away from zero past the currency's minor units.
    /// </summary>
    public static long ToMinorUnits(decimal amount, string currency)
    {
        var factor = Currencies.Get(currency).Factor;
        var scaled = Math.Round(amount * factor, 0, MidpointRounding.AwayFromZero);
        if (scaled is < 0 or > long.MaxValue / LineItem.MaxQuantity)
            throw new DomainException(FailureCodes.ValidationError, "unitPrice must be between 0 and a sane maximum", "items");
        return (long)scaled;
    }

    private static string Validate(ConversionRequest request)
    {
        Text(request.Number, "number", required: true);
        Text(request.LinkId, "id", required: true);
        Text(request.OrderStatus, "order_status", required: false);
        Text(request.PaymentProvider, "payment_provider", required: false);
        Text(request.Ref, "ref", required: false);
        Text(request.Customer?.Email, "email", required: false);
        if (request.Items.Count == 0)
            throw new DomainException(FailureCodes.ValidationError, "a recorded order has at least one purchased item", "items");
        var currencies = request.Items.Select(i => i.CurrencyCode.ToUpperInvariant()).Distinct().ToList();
        if (currencies.Count > 1)
            throw new DomainException(FailureCodes.ValidationError, "the purchased items of one order are in one currency", "items");
        if (!Currencies.IsKnown(currencies[0]))
            throw new DomainException(FailureCodes.ValidationError, $"priceCurrencyCode {currencies[0]} is not a supported ISO 4217 code", "items");
        foreach (var item in request.Items)
        {
            if (string.IsNullOrWhiteSpace(item.SkuId))
                throw new DomainException(FailureCodes.ValidationError, "every purchased item has a skuId", "items");
            if (item.UnitPrice < 0)
                throw new DomainException(FailureCodes.ValidationError, "unitPrice is never negative", "items");
            LineItem.ValidateQuantity(item.Quantity);
        }
        return currencies[0];
    }

    private static void Text(string? value, string member, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
            throw new DomainException(FailureCodes.ValidationError, $"{member} is required", member);
        if (value is { Length: > MaxTextLength })
            throw new DomainException(FailureCodes.ValidationError, $"{member} has at most {MaxTextLength} characters", member);
    }

    private static Dictionary<string, string> MetadataOf(ConversionRequest request, Customer? linked)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [MetadataKeys.Source] = SourceValue };
        void Put(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
                metadata[key] = value.Length > Order.MaxMetadataValueLength ? value[..Order.MaxMetadataValueLength] : value;
        }
        Put(MetadataKeys.OrderStatus, request.OrderStatus);
        Put(MetadataKeys.PaymentProvider, request.PaymentProvider);
        Put(MetadataKeys.Ref, request.Ref);
        Put(MetadataKeys.LinkedBy, request.By == ConversionLink.CustomerReference ? "BY_REF" : "BY_CID");
        if (request.By == ConversionLink.VisitorId)
            Put(MetadataKeys.VisitorId, request.LinkId);
        else if (linked is null)
            Put(MetadataKeys.CustomerReference, request.LinkId);
        if (request.Customer is { } customer)
        {
            Put(MetadataKeys.FirstName, customer.FirstName);
            Put(MetadataKeys.LastName, customer.LastName);
            if (customer.MarketingPermission is { } permission)
                Put(MetadataKeys.MarketingPermission, permission ? "true" : "false");
            if (linked is null && request.By != ConversionLink.CustomerReference)
                Put(MetadataKeys.CustomerReference, customer.CustomerReference);
        }
        Put(MetadataKeys.ProductIds, string.Join(',', request.Items.Select(i => $"{i.SkuId}={i.ProductId}").Distinct(StringComparer.Ordinal)));
        return metadata;
    }
}
