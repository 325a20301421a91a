using System.Security.Cryptography;
using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;
using Commerce.Domain.Money;
using Commerce.Domain.Promotions;

namespace Commerce.Domain.Orders;

/// <summary>
/// The order aggregate (<c>orders</c>): line items, addresses, shipping and payment choices, the
/// money (recomputed by <see cref="OrderTotals"/> after every change) and the status machine.
/// <para>
/// Every change goes through an intent-named method that guards the status and throws
/// <see cref="DomainException"/> with the member at fault (<c>status</c> for a transition not
/// allowed from the current status). Editing (items, addresses, methods, source, email) is allowed
/// only while <see cref="Editable"/> (draft or pending). <c>reference</c> and <c>metadata</c> may change
/// in any status. Who may ask for a change now (<see cref="EnsureChangeableBy"/>), whether the order may be
/// deleted (<see cref="EnsureDeletable"/>) and whether a part it uses may change (<see cref="EnsurePartChangeable"/>)
/// are the order's rules too.
/// </para>
/// <para>
/// <c>metadata</c> is a JSON object (<see cref="Metadata"/>, backing field <c>_metadata</c>): string keys, any JSON values,
/// nested too (the host hands them over as it parsed them); the host maps it to a JSON column. Setting it replaces it wholly.
/// </para>
/// <para>
/// Load the order with its navigations (line items with their SKUs, addresses, shipping method,
/// payment method, payment source) before changing it: <see cref="Recalculate"/> and
/// <c>Placeable</c> (placement's) read them, and a foreign key without its navigation counts as absent.
/// </para>
/// </summary>
public sealed partial class Order : Entity
{
    private const string TokenAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int TokenLength = 32;

    private readonly List<LineItem> _lineItems = [];
    private readonly List<string> _events = [];
    private readonly Dictionary<string, object?> _metadata = new(StringComparer.Ordinal);

    /// <summary>The promotions pricing may apply and the instant it prices at (<see cref="UsePromotions"/>); null: discount lines are kept as they are.</summary>
    private (IReadOnlyList<Promotion> Candidates, DateTimeOffset Now)? _pricing;

    private Order()
    {
        Status = OrderStatus.Draft;
        PaymentStatus = Orders.PaymentStatus.Unpaid;
        FulfillmentStatus = Orders.FulfillmentStatus.Unfulfilled;
        CurrencyCode = LanguageCode = Token = string.Empty;
    }

    /// <summary>
    /// A new draft order in <paramref name="market"/> (its <see cref="Market.PriceList"/> loaded): the order takes the list's
    /// currency and <c>tax_included</c>, fixed from then on, and its line items take the list's prices. Language a 2-letter code.
    /// </summary>
    /// <exception cref="DomainException">market (disabled: it takes no new orders), language_code, customer_email, metadata.</exception>
    public static Order Create(
        Market market,
        string languageCode,
        string? customerEmail = null,
        string? reference = null,
        IReadOnlyDictionary<string, object?>? metadata = null)
    {
        var priceList = market.PriceList ?? throw new ArgumentException("Load the market's price list before creating an order in it.", nameof(market));
        if (!market.IsEnabled)
            throw new DomainException(FailureCodes.ValidationError, "the market is disabled: it takes no new orders", "market", isRelationship: true);
        var order = new Order
        {
            MarketId = market.Id,
            Market = market,
            PriceListId = priceList.Id,
            CurrencyCode = priceList.CurrencyCode,
            TaxIncluded = priceList.TaxIncluded,
            Reference = reference,
            Token = RandomNumberGenerator.GetString(TokenAlphabet, TokenLength),
        };
        order.ChangeLanguage(languageCode);
        if (customerEmail is not null)
            order.SetCustomerEmail(customerEmail);
        if (metadata is not null)
            order.SetMetadata(metadata);
        order.Recalculate();
        order._events.Add(OrderEvents.Created);
        return order;
    }

    /// <summary>
    /// A new order recording one placed elsewhere (<see cref="Recorded"/>), in <paramref name="market"/> (its currency), its
    /// <c>reference</c> the number it has there. It is a draft until <see cref="Record"/> fills it.
    /// </summary>
    public static Order CreateRecorded(Market market, string reference)
    {
        var order = Create(market, "en", reference: reference);
        order.Recorded = true;
        return order;
    }

    /// <summary>
    /// Fills a recorded order with what was sold elsewhere, replacing what an earlier recording said (its lines, email,
    /// customer, the metadata keys of <paramref name="sale"/>; other metadata is kept): placed (or cancelled), with
    /// <paramref name="number"/> the first time, and the statuses of <paramref name="sale"/>. Its totals are its lines' (unit
    /// amounts as sold); its fulfillment is not required here. No stock moves: that is placement's, and this order was not placed here.
    /// </summary>
    /// <exception cref="DomainException">reference (not a recorded order), line_items (none, or more than <see cref="MaxLineItems"/>),
    /// quantity, customer_email, metadata: as the other changes of an order.</exception>
    public void Record(RecordedSale sale, long number, DateTimeOffset now)
    {
        if (!Recorded)
            throw new DomainException(FailureCodes.ValidationError, "only an order recorded from elsewhere can be recorded again", "reference");
        if (sale.Lines.Count == 0)
            throw new DomainException(FailureCodes.ValidationError, "a recorded order has at least one line item", "line_items", isRelationship: true);
        if (sale.Lines.Count > MaxLineItems)
            throw new DomainException(FailureCodes.ValidationError, $"an order has at most {MaxLineItems} line items", "line_items", isRelationship: true);
        if (number <= 0)
            throw new ArgumentOutOfRangeException(nameof(number), "Order numbers are positive.");
        var email = string.IsNullOrWhiteSpace(sale.CustomerEmail) ? null : sale.CustomerEmail.Trim();
        if (email is not null && !EmailAddress.IsWellFormed(email))
            throw new DomainException(FailureCodes.ValidationError, "customer_email is not a valid email address", "customer_email");
        var metadata = new Dictionary<string, object?>(_metadata, StringComparer.Ordinal);
        foreach (var key in sale.ReplacedMetadataKeys)
            metadata.Remove(key);
        foreach (var (key, value) in sale.Metadata)
            metadata[key] = value;
        foreach (var line in sale.Lines)
        {
            LineItem.ValidateQuantity(line.Quantity);
            if (line.UnitAmountCents < 0)
                throw new DomainException(FailureCodes.ValidationError, "unit_amount_cents is never negative", "unit_amount_cents");
        }
        SetMetadata(metadata);

        var approved = Status == OrderStatus.Approved;
        // The same lines again (a recording repeated) are kept as they are: a repeated recording changes nothing.
        static IEnumerable<(string, long, int)> Key(IEnumerable<(string SkuId, long Cents, int Quantity)> lines) =>
            lines.OrderBy(l => l.SkuId, StringComparer.Ordinal).ThenBy(l => l.Cents).ThenBy(l => l.Quantity);
        if (!Key(_lineItems.Where(l => l.IsSku).Select(l => (l.SkuId!, l.UnitAmountCents, l.Quantity))).SequenceEqual(Key(sale.Lines.Select(l => (l.Sku.Id, l.UnitAmountCents, l.Quantity)))))
        {
            _lineItems.Clear();
            foreach (var line in sale.Lines)
                _lineItems.Add(new LineItem(this, line.Sku, line.UnitAmountCents, line.Quantity));
        }
        CustomerEmail = email ?? sale.Customer?.Email;
        Customer = sale.Customer;
        CustomerId = sale.Customer?.Id;
        Status = OrderStatus.Placed;
        Recalculate();
        Number ??= number;
        PlacedAt ??= now;
        PreviousStatus = null;
        FulfillmentStatus = Orders.FulfillmentStatus.NotRequired;
        if (PaymentStatus != sale.PaymentStatus)
            PaymentUpdatedAt = now;
        PaymentStatus = sale.PaymentStatus;
        Status = sale.Cancelled ? OrderStatus.Cancelled : approved ? OrderStatus.Approved : OrderStatus.Placed;
        CancelledAt = sale.Cancelled ? CancelledAt ?? now : null;
    }

    /// <summary>The market the order is sold in (fixed at creation).</summary>
    public string MarketId { get; private set; } = string.Empty;
    public Market? Market { get; private set; }
    /// <summary>The price list the order's line items are priced from: its market's when the order was created.</summary>
    public string PriceListId { get; private set; } = string.Empty;

    /// <summary>Sequential number, assigned at placement; null before.</summary>
    public long? Number { get; private set; }
    public string Status { get; private set; }
    /// <summary>The status before <c>placing</c> (draft or pending), to go back to if placement fails; null otherwise.</summary>
    public string? PreviousStatus { get; private set; }
    public string PaymentStatus { get; private set; }
    public string FulfillmentStatus { get; private set; }

    public string? CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    public string? CustomerEmail { get; private set; }
    /// <summary>
    /// No customer linked, or one without a password (found or created from <c>customer_email</c>, as Commerce Layer does):
    /// set when a customer is linked (<see cref="AssignCustomer"/>) and when the order's customer signs up (<see cref="CustomerSignedUp"/>).
    /// </summary>
    public bool Guest { get; private set; } = true;

    public string CurrencyCode { get; private set; }
    public string LanguageCode { get; private set; }
    /// <summary>The shipping address's country, else the billing address's; null without addresses.</summary>
    public string? CountryCode { get; private set; }
    /// <summary>Whether prices already include tax (see <see cref="OrderTotals"/>): the price list's, fixed at creation.</summary>
    public bool TaxIncluded { get; private set; }
    public int TaxRateBasisPoints { get; private set; }

    public long SubtotalAmountCents { get; private set; }
    public long ShippingAmountCents { get; private set; }
    public long PaymentMethodAmountCents { get; private set; }
    /// <summary>Σ the discount lines except free shipping's (which zeroes <see cref="ShippingAmountCents"/> instead); ≤ 0.</summary>
    public long DiscountAmountCents { get; private set; }
    /// <summary>The coupon code the shopper entered (as the coupon spells it); null when none applies.</summary>
    public string? CouponCode { get; private set; }
    public long TotalTaxAmountCents { get; private set; }
    /// <summary>What the customer pays, and what placement authorizes.</summary>
    public long TotalAmountCents { get; private set; }
    public long TotalAmountWithTaxesCents { get; private set; }
    /// <summary>Σ quantity over line items.</summary>
    public int SkusCount { get; private set; }

    /// <summary>Secret for unauthenticated access to this one order (e.g. a checkout link).</summary>
    public string Token { get; private set; }
    public string? Reference { get; private set; }
    public IReadOnlyDictionary<string, object?> Metadata => _metadata;

    /// <summary>
    /// The order was placed elsewhere and recorded here (a conversion: <see cref="CreateRecorded"/>, <see cref="Record"/>): it
    /// never went through placement, its money was settled where it was placed, so it is never cancelled, captured or refunded
    /// here (it is recorded again instead).
    /// </summary>
    public bool Recorded { get; private set; }

    public DateTimeOffset? PlacedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public DateTimeOffset? PaymentUpdatedAt { get; private set; }

    public string? BillingAddressId { get; private set; }
    public Address? BillingAddress { get; private set; }
    public string? ShippingAddressId { get; private set; }
    public Address? ShippingAddress { get; private set; }
    public string? ShippingMethodId { get; private set; }
    public ShippingMethod? ShippingMethod { get; private set; }
    public string? PaymentMethodId { get; private set; }
    public PaymentMethod? PaymentMethod { get; private set; }
    public string? PaymentSourceId { get; private set; }
    public PaymentSource? PaymentSource { get; private set; }

    /// <summary>
    /// The line items in one stable order, creation time then id, however they were loaded: a read, the answer to a
    /// write and an include list them alike (as the related endpoint sorts them), so a checkout's list does not jump.
    /// </summary>
    /// <summary>The SKU lines (<c>item_type</c> <c>skus</c>).</summary>
    public IEnumerable<LineItem> SkuLines => _lineItems.Where(l => l.IsSku);

    /// <summary>The lines the order buys: SKUs and gift cards (<see cref="LineItem.IsBought"/>).</summary>
    public IEnumerable<LineItem> BoughtLines => _lineItems.Where(l => l.IsBought);

    public IReadOnlyCollection<LineItem> LineItems =>
        [.. _lineItems.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id, StringComparer.Ordinal)];

    /// <summary>
    /// What happened to the order since it was loaded (<see cref="OrderEvents"/> topics), for the host to
    /// record in its outbox in the same transaction as the change. Not persisted by itself.
    /// </summary>
    public IReadOnlyList<string> Events => _events;

    /// <summary>Hands the recorded events over (to the outbox) and forgets them.</summary>
    public IReadOnlyList<string> DequeueEvents()
    {
        var events = _events.ToList();
        _events.Clear();
        return events;
    }

    /// <summary>Draft or pending: the order can still change.</summary>
    public bool Editable => Status is OrderStatus.Draft or OrderStatus.Pending;

    /// <summary>
    /// Throws unless <paramref name="changer"/> may change the order now, in any way (attributes, relationships, triggers,
    /// deletion): an integration may always ask, each change then guarding itself; a sales channel only while the order is
    /// <see cref="Editable"/>. Past that, a sales channel gets what a second placement gets: <c>CONFLICT</c> at
    /// <c>status</c> while the order is placing (another request is placing it), <c>VALIDATION_ERROR</c> at <c>status</c>
    /// once it is placed or later. Call it before any change the request asks for.
    /// </summary>
    public void EnsureChangeableBy(OrderChanger changer)
    {
        if (changer == OrderChanger.Integration || Editable)
            return;
        throw Status == OrderStatus.Placing
            ? new DomainException(FailureCodes.Conflict, "The order is being placed by another request; reload it.", "status")
            : new DomainException(FailureCodes.ValidationError, $"The order is {Status}: only an integration may change it now.", "status");
    }

    /// <summary>
    /// Throws unless the order may be deleted: only while <see cref="Editable"/> (<c>VALIDATION_ERROR</c> at <c>status</c>),
    /// and never once it has asked the gateway for money (<paramref name="hasPaymentTransactions"/>, which the order does
    /// not hold: <c>VALIDATION_ERROR</c> at the <c>authorizations</c> relationship). A failed authorization is the record
    /// of what was asked of the gateway, and a late approval is voided through it: it is kept, and so is its order.
    /// </summary>
    public void EnsureDeletable(bool hasPaymentTransactions)
    {
        if (!Editable)
            throw new DomainException(FailureCodes.ValidationError, $"Only draft or pending orders can be deleted; this one is {Status}.", "status");
        if (hasPaymentTransactions)
            throw new DomainException(FailureCodes.ValidationError,
                "This order has asked the gateway for an authorization (it failed): it is kept as the record of that attempt, "
                + "which settles a late approval, so it cannot be deleted. Leave it as it is.",
                "authorizations", isRelationship: true);
    }

    /// <summary>
    /// Throws unless a <paramref name="part"/> this order uses may change: only while the order is <see cref="Editable"/>.
    /// Once the order is placing or past, what it was placed with is frozen, for every caller: <c>VALIDATION_ERROR</c>
    /// of the part as a whole (no member). Ask every order that uses the part; an order still being built is recomputed
    /// after the change (<see cref="Recalculate"/>).
    /// </summary>
    public void EnsurePartChangeable(OrderPart part)
    {
        if (Editable)
            return;
        var name = part switch
        {
            OrderPart.Address => "address",
            OrderPart.PaymentSource => "payment source",
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
        };
        throw new DomainException(FailureCodes.ValidationError, $"This {name} belongs to an order that is no longer editable.");
    }

    /// <summary>True when some line item needs shipping.</summary>
    public bool RequiresShipping => _lineItems.Exists(l => l.IsSku && !l.DoNotShip);

    /// <summary><c>payment_source_details</c>: the source's safe details, empty without a source.</summary>
    public IReadOnlyDictionary<string, string> PaymentSourceDetails =>
        PaymentSource?.Details ?? new Dictionary<string, string>();

    // ---- attributes ------------------------------------------------------------------------

    public void SetCustomerEmail(string? email)
    {
        EnsureEditable();
        var trimmed = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (trimmed is not null && !EmailAddress.IsWellFormed(trimmed))
            throw new DomainException(FailureCodes.ValidationError, "customer_email is not a valid email address", "customer_email");
        CustomerEmail = trimmed;
    }

    /// <summary>Links a customer (or unlinks with null); takes the customer's email when the order has none.</summary>
    public void AssignCustomer(Customer? customer)
    {
        EnsureEditable();
        Customer = customer;
        CustomerId = customer?.Id;
        Guest = customer?.PasswordHash is null;
        if (customer is not null && CustomerEmail is null)
            CustomerEmail = customer.Email;
    }

    public void ChangeLanguage(string languageCode)
    {
        EnsureEditable();
        if (languageCode is not { Length: 2 } || !languageCode.All(char.IsAsciiLetter))
            throw new DomainException(FailureCodes.ValidationError, "language_code must be a 2-letter ISO 639-1 code", "language_code");
        LanguageCode = languageCode.ToLowerInvariant();
    }

    public void SetReference(string? reference) => Reference = reference;

    /// <summary>At most this many metadata keys (as Commerce Layer).</summary>
    public const int MaxMetadataKeys = 50;
    /// <summary>At most this many characters in a metadata key.</summary>
    public const int MaxMetadataKeyLength = 40;
    /// <summary>At most this many characters in a metadata value.</summary>
    public const int MaxMetadataValueLength = 500;
    /// <summary>At most this many characters of metadata as stored (JSON, as the column holds it).</summary>
    public const int MaxMetadataLength = 8000;
    /// <summary>At most this many line items on one order: each write to an order loads and recomputes all of them.</summary>
    public const int MaxLineItems = 100;

    /// <summary>Replaces the metadata wholly with string values (any status).</summary>
    public void SetMetadata(IReadOnlyDictionary<string, string> metadata) =>
        SetMetadata(metadata.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));

    /// <summary>Replaces the metadata wholly (any status): any JSON values, nested objects and arrays too, within the limits.</summary>
    /// <exception cref="DomainException">metadata: more than <see cref="MaxMetadataKeys"/> keys, a key or a string value too long, or too long in all.</exception>
    public void SetMetadata(IReadOnlyDictionary<string, object?> metadata)
    {
        CheckMetadata(metadata);
        _metadata.Clear();
        foreach (var (key, value) in metadata)
            _metadata[key] = value;
    }

    /// <summary>The limits of metadata (an order's and a line item's alike).</summary>
    internal static void CheckMetadata(IReadOnlyDictionary<string, object?> metadata)
    {
        if (metadata.Count > MaxMetadataKeys)
            throw new DomainException(FailureCodes.ValidationError, $"metadata has at most {MaxMetadataKeys} keys", "metadata");
        if (metadata.Keys.Any(k => k.Length > MaxMetadataKeyLength))
            throw new DomainException(FailureCodes.ValidationError, $"metadata keys have at most {MaxMetadataKeyLength} characters", "metadata");
        if (metadata.Values.Any(v => v is string text ? text.Length > MaxMetadataValueLength
                : v is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } element && element.GetString()!.Length > MaxMetadataValueLength))
            throw new DomainException(FailureCodes.ValidationError, $"metadata values have at most {MaxMetadataValueLength} characters", "metadata");
        if (System.Text.Json.JsonSerializer.Serialize(metadata).Length > MaxMetadataLength)
            throw new DomainException(FailureCodes.ValidationError, $"metadata has at most {MaxMetadataLength} characters in all, as JSON", "metadata");
    }

    // ---- line items ------------------------------------------------------------------------

    /// <summary>
    /// Adds <paramref name="quantity"/> of <paramref name="sku"/> at its price in the order's price list.
    /// With <paramref name="updateQuantity"/> the quantity is added to an existing line of the same SKU
    /// instead of making a second line.
    /// </summary>
    /// <exception cref="DomainException">status (not editable), quantity (1..10000), sku_code (no price in the currency), order (a new line on an order
    /// that has <see cref="MaxLineItems"/>).</exception>
    public LineItem AddLineItem(Sku sku, int quantity, bool updateQuantity = false)
    {
        var price = sku.PriceIn(PriceListId)
            ?? throw new DomainException(FailureCodes.ValidationError, $"sku_code has no price in this order's market ({CurrencyCode})", "sku_code");
        return AddLineItem(sku, price, quantity, updateQuantity);
    }

    /// <inheritdoc cref="AddLineItem(Sku, int, bool)"/>
    public LineItem AddLineItem(Sku sku, Price price, int quantity, bool updateQuantity = false)
    {
        EnsureEditable();
        if (price.SkuId != sku.Id || price.PriceListId != PriceListId || !string.Equals(price.CurrencyCode, CurrencyCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(FailureCodes.ValidationError, $"sku_code has no price in this order's market ({CurrencyCode})", "sku_code");
        LineItem.ValidateQuantity(quantity);

        if (updateQuantity && _lineItems.Find(l => l.IsSku && l.SkuId == sku.Id) is { } existing)
        {
            existing.SetQuantity((long)existing.Quantity + quantity);
            Recalculate();
            return existing;
        }

        // The aggregate owns the cap: a line item is added through its loaded order, and the order's version makes two
        // concurrent additions conflict, so the cap holds under concurrency as every other rule of the order does.
        if (BoughtLines.Count() >= MaxLineItems)
            throw new DomainException(FailureCodes.ValidationError, $"an order has at most {MaxLineItems} line items", "order", isRelationship: true);
        var line = new LineItem(this, sku, price.AmountCents, quantity);
        _lineItems.Add(line);
        Recalculate();
        return line;
    }

    /// <summary>
    /// Buys <paramref name="card"/> on this order: a line of <c>item_type</c> <c>gift_cards</c>, quantity 1, priced at the card's
    /// balance, untouched by discounts and taxes (a general-purpose voucher is a payment in advance, not a supply). The card must
    /// be a <c>draft</c> in the order's currency, not already on the order; placing makes it <c>active</c>.
    /// </summary>
    /// <exception cref="DomainException">status (not editable), item (not a draft, another currency, already bought here), order (too many lines).</exception>
    public LineItem AddGiftCardPurchase(GiftCard card)
    {
        EnsureEditable();
        if (card.Status != GiftCardStatus.Draft)
            throw new DomainException(FailureCodes.ValidationError, $"only a draft gift card can be bought; this one is {card.Status}", "item", isRelationship: true);
        if (!string.Equals(card.CurrencyCode, CurrencyCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(FailureCodes.ValidationError, $"the gift card is in {card.CurrencyCode}, the order in {CurrencyCode}", "item", isRelationship: true);
        if (_lineItems.Exists(l => l.IsGiftCardPurchase && l.ItemId == card.Id))
            throw new DomainException(FailureCodes.ValidationError, "this gift card is already bought on this order", "item", isRelationship: true);
        if (BoughtLines.Count() >= MaxLineItems)
            throw new DomainException(FailureCodes.ValidationError, $"an order has at most {MaxLineItems} line items", "order", isRelationship: true);
        var line = new LineItem(this, card, card.BalanceCents, "Gift card");
        _lineItems.Add(line);
        Recalculate();
        return line;
    }

    public void ChangeLineItemQuantity(string lineItemId, int quantity)
    {
        EnsureEditable();
        var line = FindLine(lineItemId);
        if (line.IsGiftCardPurchase)
            throw new DomainException(FailureCodes.ValidationError, "a gift card line's quantity is 1: add another line for another card", "quantity");
        line.SetQuantity(quantity);
        Recalculate();
    }

    /// <summary>
    /// A line item's <c>name</c>, <c>image_url</c> (null: the SKU's again) and <c>metadata</c>, as Commerce Layer lets a client
    /// set them; name and image stay snapshots that <see cref="Refresh"/> takes from the SKU again. Only while editable.
    /// </summary>
    public void DescribeLineItem(string lineItemId, Optional<string?> name, Optional<string?> imageUrl, IReadOnlyDictionary<string, object?>? metadata)
    {
        EnsureEditable();
        var line = FindLine(lineItemId);
        if (name.IsSet)
            line.Rename(name.Value);
        if (imageUrl.IsSet)
            line.ChangeImage(imageUrl.Value);
        if (metadata is not null)
        {
            CheckMetadata(metadata);
            line.ReplaceMetadata(metadata);
        }
    }

    public void RemoveLineItem(string lineItemId)
    {
        EnsureEditable();
        _lineItems.Remove(FindLine(lineItemId));
        Recalculate();
    }

    /// <summary>
    /// <c>_refresh</c>: takes names, images, shipping flags and unit prices again from the SKUs
    /// (loaded navigations). A line whose SKU is not loaded, or has no price any more, keeps its price.
    /// </summary>
    public void Refresh()
    {
        EnsureEditable();
        foreach (var line in SkuLines)
        {
            if (line.Sku is { } sku && sku.PriceIn(PriceListId) is { } price)
                line.Reprice(sku, price.AmountCents);
        }

        Recalculate();
    }

    private LineItem FindLine(string lineItemId)
    {
        var line = _lineItems.Find(l => l.Id == lineItemId)
            ?? throw new DomainException(FailureCodes.RecordNotFound, "line item not found in this order", "line_items", isRelationship: true);
        if (!line.IsBought)
            throw new DomainException(FailureCodes.ValidationError,
                line.IsGiftCardRedemption
                    ? "the gift card line follows the order's gift_card_code: change or blank it instead"
                    : $"a line of item_type {line.ItemType} follows the order's promotions: change the order or its coupon_code instead", "item_type");
        return line;
    }

    // ---- promotions -----------------------------------------------------------------------

    /// <summary>
    /// The promotions the order's pricing may apply from now on, at <paramref name="now"/> (the server's clock): the host
    /// loads them (active, of the order's currency, with their rules and the coupons matching the order's code) before any
    /// change, and every change re-prices with them. Re-prices at once.
    /// </summary>
    public void UsePromotions(IReadOnlyList<Promotion> candidates, DateTimeOffset now)
    {
        _pricing = (candidates, now);
        if (Editable)
            Recalculate();
    }

    /// <summary>
    /// <c>coupon_code</c> (blank removes it). A code that triggers no promotion of <see cref="UsePromotions"/> (unknown,
    /// expired, used up, disabled, or its rules do not hold) is refused at <c>coupon_code</c> and nothing changes.
    /// </summary>
    public void SetCouponCode(string? code)
    {
        EnsureEditable();
        code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        if (code is null)
        {
            CouponCode = null;
            Recalculate();
            return;
        }
        if (_pricing is null)
            throw new InvalidOperationException("Load the order's promotions (UsePromotions) before setting a coupon code.");
        var previous = CouponCode;
        CouponCode = code;
        Recalculate();
        if (_lineItems.Find(l => l.CouponCode is not null && string.Equals(l.CouponCode, code, StringComparison.OrdinalIgnoreCase)) is { } fired)
        {
            CouponCode = fired.CouponCode;
            return;
        }
        CouponCode = previous;
        Recalculate();
        throw new DomainException(FailureCodes.ValidationError,
            "coupon_code is not valid for this order: it is unknown, expired, used up, disabled, or its promotion's rules do not hold", "coupon_code");
    }

    /// <summary>Re-prices the discount lines with the loaded promotions; a coupon code that no longer fires is dropped.</summary>
    private void ApplyPromotions()
    {
        if (_pricing is not { } pricing)
            return;
        var skuLines = SkuLines.ToList();
        foreach (var line in skuLines)
            line.ClearDiscounts();
        _lineItems.RemoveAll(l => PromotionTypes.IsPromotion(l.ItemType));
        var shipping = RequiresShipping && ShippingMethod is not null ? ShippingMethod.PriceFor(skuLines.Aggregate(0L, (sum, l) => checked(sum + l.TotalAmountCents))) : 0;
        var input = new PricingInput(CurrencyCode, [.. skuLines.Select(l => new PricingLine(l.Id, l.TotalAmountCents))],
            shipping, PaymentMethod?.PriceAmountCents ?? 0, CouponCode);
        foreach (var discount in skuLines.Count == 0 ? [] : PromotionEngine.Apply(pricing.Candidates, input, pricing.Now))
        {
            var line = new LineItem(this, discount);
            _lineItems.Add(line);
            foreach (var (key, cents) in discount.Allocation)
                skuLines.First(l => l.Id == key).AddDiscount(line.Id, cents);
        }
        if (CouponCode is not null && !_lineItems.Exists(l => l.CouponCode is not null && string.Equals(l.CouponCode, CouponCode, StringComparison.OrdinalIgnoreCase)))
            CouponCode = null;
    }

    // ---- addresses, methods, source --------------------------------------------------------

    public void SetBillingAddress(Address? address)
    {
        EnsureEditable();
        BillingAddress = address;
        BillingAddressId = address?.Id;
        Recalculate();
    }

    public void SetShippingAddress(Address? address)
    {
        EnsureEditable();
        ShippingAddress = address;
        ShippingAddressId = address?.Id;
        Recalculate();
    }

    /// <summary>
    /// <c>_billing_address_same_as_shipping</c>: the billing address becomes a <b>copy</b> (new id) of the
    /// shipping address, as Commerce Layer clones it; later changes to one do not touch the other.
    /// </summary>
    public void BillingAddressSameAsShipping()
    {
        EnsureEditable();
        var source = ShippingAddress
            ?? throw new DomainException(FailureCodes.ValidationError, "shipping_address is missing: nothing to copy", "shipping_address", isRelationship: true);
        SetBillingAddress(source.Copy());
    }

    /// <summary><c>_shipping_address_same_as_billing</c>: the shipping address becomes a copy of the billing address.</summary>
    public void ShippingAddressSameAsBilling()
    {
        EnsureEditable();
        var source = BillingAddress
            ?? throw new DomainException(FailureCodes.ValidationError, "billing_address is missing: nothing to copy", "billing_address", isRelationship: true);
        SetShippingAddress(source.Copy());
    }

    public void SetShippingMethod(ShippingMethod? method)
    {
        EnsureEditable();
        ShippingMethod = method;
        ShippingMethodId = method?.Id;
        Recalculate();
    }

    /// <summary>Chooses the payment method; a payment source of another type is unlinked.</summary>
    public void SetPaymentMethod(PaymentMethod? method)
    {
        EnsureEditable();
        PaymentMethod = method;
        PaymentMethodId = method?.Id;
        if (method is not null && PaymentSource is not null && PaymentSource.ResourceType != method.PaymentSourceType)
        {
            PaymentSource = null;
            PaymentSourceId = null;
        }

        Recalculate();
    }

    public void SetPaymentSource(PaymentSource? source)
    {
        EnsureEditable();
        PaymentSource = source;
        PaymentSourceId = source?.Id;
    }

    // ---- money ----------------------------------------------------------------------------

    /// <summary>
    /// Recomputes country, skus_count, every amount (<see cref="OrderTotals"/> with
    /// <see cref="TaxRateTable.Standard"/>) and draft↔pending. Called by every change of the order;
    /// call it after changing a linked address in place.
    /// </summary>
    public void Recalculate()
    {
        CountryCode = ShippingAddress?.CountryCode ?? BillingAddress?.CountryCode;
        if (Editable)
            ApplyPromotions();
        SkusCount = SkuLines.Sum(l => l.Quantity);
        var subtotal = SkuLines.Aggregate(0L, (sum, l) => checked(sum + l.TotalAmountCents));
        var giftCards = _lineItems.Where(l => l.IsGiftCardPurchase).Aggregate(0L, (sum, l) => checked(sum + l.TotalAmountCents));
        var discount = _lineItems.Where(l => PromotionTypes.IsPromotion(l.ItemType) && l.ItemType != PromotionTypes.FreeShipping).Aggregate(0L, (sum, l) => checked(sum + l.TotalAmountCents));
        var freeShipping = _lineItems.Exists(l => l.ItemType == PromotionTypes.FreeShipping);
        var totals = OrderTotals.Calculate(
            subtotal, RequiresShipping && !freeShipping, ShippingMethod, PaymentMethod,
            TaxRateTable.Standard.RateFor(CountryCode), TaxIncluded, discount, giftCards);
        SubtotalAmountCents = totals.SubtotalAmountCents;
        ShippingAmountCents = totals.ShippingAmountCents;
        PaymentMethodAmountCents = totals.PaymentMethodAmountCents;
        DiscountAmountCents = totals.DiscountAmountCents;
        TaxRateBasisPoints = totals.TaxRateBasisPoints;
        TotalTaxAmountCents = totals.TotalTaxAmountCents;
        TotalAmountCents = totals.TotalAmountCents;
        TotalAmountWithTaxesCents = totals.TotalAmountWithTaxesCents;
        PriceGiftCard();
        if (Editable)
            Status = !BoughtLines.Any() && !MarkedPending ? OrderStatus.Draft : OrderStatus.Pending;
    }

    // ---- status machine -------------------------------------------------------------------

    /// <summary>draft/pending → placing; remembers the status to return to.</summary>
    public void BeginPlacing()
    {
        EnsureStatus(nameof(BeginPlacing), OrderStatus.Draft, OrderStatus.Pending);
        PreviousStatus = Status;
        Status = OrderStatus.Placing;
    }

    /// <summary>placing → placed: number and placed_at set; payment_status authorized, or free for a zero total.</summary>
    public void CompletePlacement(long number, DateTimeOffset now)
    {
        EnsureStatus(nameof(CompletePlacement), OrderStatus.Placing);
        if (number <= 0)
            throw new ArgumentOutOfRangeException(nameof(number), "Order numbers are positive.");
        Number = number;
        Status = OrderStatus.Placed;
        PreviousStatus = null;
        PlacedAt = now;
        PaymentStatus = AmountToAuthorizeCents == 0 ? Orders.PaymentStatus.Free : Orders.PaymentStatus.Authorized;
        PaymentUpdatedAt = now;
        if (!RequiresShipping)
            FulfillmentStatus = Orders.FulfillmentStatus.NotRequired;
        _events.Add(OrderEvents.Placed);
    }

    /// <summary>placing → the status before placement (pending, or draft). Nothing else changes.</summary>
    public void AbortPlacement()
    {
        EnsureStatus(nameof(AbortPlacement), OrderStatus.Placing);
        Status = PreviousStatus ?? (!BoughtLines.Any() ? OrderStatus.Draft : OrderStatus.Pending);
        PreviousStatus = null;
    }

    /// <summary>placed → approved.</summary>
    public void Approve(DateTimeOffset now)
    {
        EnsureStatus(nameof(Approve), OrderStatus.Placed);
        Status = OrderStatus.Approved;
        ApprovedAt = now;
        _events.Add(OrderEvents.Approved);
    }

    /// <summary>
    /// placed/approved → cancelled; an authorized payment becomes voided (a free one stays free).
    /// A paid order is refunded instead (<see cref="Refund"/>): payment_status error.
    /// </summary>
    public void Cancel(DateTimeOffset now)
    {
        EnsureCanCancel();
        Status = OrderStatus.Cancelled;
        CancelledAt = now;
        if (PaymentStatus == Orders.PaymentStatus.Authorized)
        {
            PaymentStatus = Orders.PaymentStatus.Voided;
            PaymentUpdatedAt = now;
        }
        _events.Add(OrderEvents.Cancelled);
    }

    /// <summary>payment authorized → paid, on a placed or approved order.</summary>
    public void Capture(DateTimeOffset now)
    {
        EnsureCanCapture();
        PaymentStatus = Orders.PaymentStatus.Paid;
        PaymentUpdatedAt = now;
        _events.Add(OrderEvents.Captured);
    }

    /// <summary>payment paid → refunded, and the order is cancelled.</summary>
    public void Refund(DateTimeOffset now)
    {
        EnsureCanRefund();
        PaymentStatus = Orders.PaymentStatus.Refunded;
        PaymentUpdatedAt = now;
        Status = OrderStatus.Cancelled;
        CancelledAt = now;
        _events.Add(OrderEvents.Refunded);
    }

    /// <summary>Throws what <see cref="Cancel"/> would throw, changing nothing (check before asking a gateway).</summary>
    public void EnsureCanCancel()
    {
        EnsureNotRecorded(nameof(Cancel));
        EnsureStatus(nameof(Cancel), OrderStatus.Placed, OrderStatus.Approved);
        if (PaymentStatus is not (Orders.PaymentStatus.Authorized or Orders.PaymentStatus.Free))
            throw new DomainException(FailureCodes.ValidationError, $"cannot cancel an order whose payment_status is {PaymentStatus}; refund it", "payment_status");
    }

    /// <summary>Throws what <see cref="Capture"/> would throw, changing nothing.</summary>
    public void EnsureCanCapture()
    {
        EnsureNotRecorded(nameof(Capture));
        EnsureStatus(nameof(Capture), OrderStatus.Placed, OrderStatus.Approved);
        if (PaymentStatus != Orders.PaymentStatus.Authorized)
            throw new DomainException(FailureCodes.ValidationError, $"cannot capture: payment_status is {PaymentStatus}", "payment_status");
    }

    /// <summary>Throws what <see cref="Refund"/> would throw, changing nothing.</summary>
    public void EnsureCanRefund()
    {
        EnsureNotRecorded(nameof(Refund));
        EnsureStatus(nameof(Refund), OrderStatus.Placed, OrderStatus.Approved);
        if (PaymentStatus != Orders.PaymentStatus.Paid)
            throw new DomainException(FailureCodes.ValidationError, $"cannot refund: payment_status is {PaymentStatus}", "payment_status");
    }

    /// <summary>A recorded order's money was settled where it was placed: it is recorded again with its new status instead.</summary>
    private void EnsureNotRecorded(string operation)
    {
        if (Recorded)
            throw new DomainException(FailureCodes.ValidationError,
                $"{ToSnakeCase(operation)} is not allowed on an order recorded from elsewhere: its payment was settled there; record it again with its new status", "status");
    }

    private void EnsureEditable()
    {
        if (!Editable)
            throw new DomainException(FailureCodes.ValidationError, $"the order cannot be changed: status is {Status}", "status");
    }

    private void EnsureStatus(string operation, params string[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new DomainException(FailureCodes.ValidationError,
                $"{ToSnakeCase(operation)} is not allowed when status is {Status}", "status");
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
