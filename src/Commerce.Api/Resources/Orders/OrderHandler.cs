using Commerce.Api.Authentication;
using Commerce.Api.Markets;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Commerce.Api.Telemetry;
using Commerce.Domain.Catalog;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Orders;

/// <summary>
/// The use case of <c>orders</c>: its read scope and what a write means. A PATCH applies, in this order: attributes,
/// relationships, the address copy triggers, <c>_refresh</c>, then at most one lifecycle trigger (<c>_place</c>, <c>_cancel</c>,
/// <c>_approve</c>, <c>_capture</c>, <c>_refund</c>). Nothing is saved until all of it succeeded, so a request
/// fails as one.
/// </summary>
internal sealed class OrderHandler(
    CommerceDbContext db,
    PlacementService placement,
    OrderPaymentService payments,
    Caller caller,
    CommerceMetrics metrics,
    RelationshipTargets targets,
    PlacementParticipants participants,
    MarketResolver markets,
    CustomerPasswords passwords,
    TimeProvider clock,
    Commerce.Api.Resources.GiftCards.OrderGiftCardCodes giftCardCodes) : IResourceHandler<Order>
{
    // placeable, payment_source_details and editable are computed from the navigations: load them with every read.
    // A customer sees only their own orders; other callers any order by id (lists are for integrations).
    public IQueryable<Order> Query() => (caller.IsCustomer ? db.Orders.Where(o => o.CustomerId == caller.CustomerId) : db.Orders).WithParts();

    /// <summary>A write changes the whole aggregate: it is loaded once, with everything its rules read, and rendered as saved.</summary>
    public IQueryable<Order> QueryForWrite() => (caller.IsCustomer ? db.Orders.Where(o => o.CustomerId == caller.CustomerId) : db.Orders).AsAggregate();

    public bool HidesNothing => !caller.IsCustomer;

    public async Task<Order> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.TryGetAttribute<string?>("currency_code", out var currency);
        input.TryGetAttribute<string?>("language_code", out var language);
        input.TryGetAttribute<IReadOnlyDictionary<string, object?>?>("metadata", out var metadata);
        var named = input.TryGetRelationship("market", out var marketInput) ? await targets.FindAsync<Market>(marketInput) : null;
        var market = await markets.ForNewOrderAsync(named, currency, cancellationToken);
        var order = Order.Create(
            market,
            language ?? "en",
            input.Attributes.GetValueOrDefault("customer_email") as string,
            input.Attributes.GetValueOrDefault("reference") as string,
            metadata);
        db.Orders.Add(order);
        if (caller.IsCustomer)
            order.AssignCustomer(await db.Customers.FirstAsync(c => c.Id == caller.CustomerId, cancellationToken));
        ApplyStorefrontAttributes(order, input);
        await LinkCustomerByEmailAsync(order, input, cancellationToken);
        await ApplyRelationshipsAsync(order, input, cancellationToken);
        await ApplyCustomerBookAsync(order, input, cancellationToken);
        await giftCardCodes.ApplyAsync(order, input, cancellationToken);
        await SaveAsync(order, cancellationToken);
        return order;
    }

    public async Task UpdateAsync(Order resource, ResourceInput input, CancellationToken cancellationToken)
    {
        resource.EnsureChangeableBy(Changer);
        var lifecycle = OrderTriggers.Lifecycle.Where(input.HasTrigger).ToList();
        if (lifecycle.Count > 1)
            throw new JsonApiException([.. lifecycle.Select(t => new ErrorObject(422, ErrorCodes.ValidationError, "Unprocessable entity",
                $"Send one of {string.Join(", ", OrderTriggers.Lifecycle)} per request.", ErrorSource.AtPointer(ResourceInput.AttributePointer(t))))]);

        var order = resource;
        // Every change re-prices with the promotions active now (the server's clock), _place included.
        input.TryGetAttribute<string?>("coupon_code", out var couponCode);
        input.TryGetAttribute<string?>("gift_card_or_coupon_code", out var eitherCode);
        if (order.Editable)
        {
            var shown = (order.TotalAmountWithTaxesCents, order.CouponCode, order.DiscountAmountCents, order.ShippingAmountCents, order.GiftCardAmountCents);
            await PromotionCandidates.LoadAsync(db, order, clock.GetUtcNow(), cancellationToken, order.CouponCode, couponCode, eitherCode);
            if (lifecycle.FirstOrDefault() == OrderTriggers.Place)
                await RefuseRepricedPlacementAsync(order, shown, cancellationToken);
        }
        ApplyAttributes(order, input);
        await ApplyCodesAsync(order, input, couponCode, eitherCode, cancellationToken);
        ApplyStorefrontAttributes(order, input);
        await LinkCustomerByEmailAsync(order, input, cancellationToken);
        await ApplyRelationshipsAsync(order, input, cancellationToken);
        await ApplyCustomerBookAsync(order, input, cancellationToken);
        await giftCardCodes.ApplyAsync(order, input, cancellationToken);
        if (input.HasTrigger(OrderTriggers.BillingSameAsShipping))
            order.BillingAddressSameAsShipping();
        if (input.HasTrigger(OrderTriggers.ShippingSameAsBilling))
            order.ShippingAddressSameAsBilling();
        if (input.HasTrigger(OrderTriggers.Refresh))
            order.Refresh();
        if (input.HasTrigger(OrderTriggers.Pending))
            order.MarkPending();
        if (input.HasTrigger(OrderTriggers.Archive))
            order.Archive(clock.GetUtcNow());
        if (input.HasTrigger(OrderTriggers.Unarchive))
            order.Unarchive();

        switch (lifecycle.FirstOrDefault())
        {
            case OrderTriggers.Place:
                await PlaceAsync(order, cancellationToken);
                return;
            case OrderTriggers.Cancel:
                // The units go back to stock through the outbox (ReturnStock), exactly once, and so do the placement
                // participants' holds (GiveBackPlacementHolds), once each participant agreed to give them back.
                await EnsureGiveBackAllowedAsync(order, OrderEvents.Cancelled, cancellationToken);
                await payments.CancelAsync(order, db.LoadedVersion(order), cancellationToken);
                break;
            case OrderTriggers.Capture:
                await payments.CaptureAsync(order, db.LoadedVersion(order), cancellationToken);
                return;
            case OrderTriggers.Refund:
                await EnsureGiveBackAllowedAsync(order, OrderEvents.Refunded, cancellationToken);
                await payments.RefundAsync(order, db.LoadedVersion(order), cancellationToken);
                return;
            case OrderTriggers.Approve:
                order.Approve(clock.GetUtcNow());
                break;
            case OrderTriggers.ApproveAndCapture:
                // The approval is saved with the capture's success, in one save: a declined or failed capture saves neither.
                order.Approve(clock.GetUtcNow());
                await payments.CaptureAsync(order, db.LoadedVersion(order), cancellationToken);
                return;
            case OrderTriggers.Fulfill:
                order.Fulfill();
                break;
        }
        await SaveAsync(order, cancellationToken);
    }

    public async Task DeleteAsync(Order resource, CancellationToken cancellationToken)
    {
        var order = resource;
        order.EnsureChangeableBy(Changer);
        order.EnsureDeletable(hasPaymentTransactions: await db.PaymentTransactions.AnyAsync(t => t.OrderId == order.Id, cancellationToken));
        db.Orders.Remove(order);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Placing re-prices with the server's clock first: when a code stopped applying (expired, disabled, used up) or the
    /// promotions changed the payable total since the shopper last saw it, the placement is refused with 422 listing each
    /// failure (the code at <c>coupon_code</c>; the total at <c>total_amount_with_taxes_cents</c> with <c>meta.previous</c> and
    /// <c>meta.current</c>), nothing is consumed, and the order is saved with its new prices (the shopper sees them on
    /// reload) — the one case where a refused request saves something, as issue #15 asks.
    /// </summary>
    private async Task RefuseRepricedPlacementAsync(Order order, (long Total, string? Code, long Discount, long Shipping, long GiftCard) shown, CancellationToken cancellationToken)
    {
        var (shownTotal, shownCode) = (shown.Total, shown.Code);
        var promotionsChanged = order.DiscountAmountCents != shown.Discount || order.ShippingAmountCents != shown.Shipping;
        var failures = new List<Commerce.Domain.Common.DomainFailure>();
        if (shownCode is not null && order.CouponCode is null)
            failures.Add(Commerce.Domain.Common.DomainFailure.AtAttribute("coupon_code",
                $"the coupon code no longer applies (expired, disabled, used up, or its rules no longer hold): it was removed"));
        // A card that stopped paying (expired, deactivated or drawn by another order since the shopper saw the total): re-pricing
        // dropped its amount, and placing the order without it would charge the shopper more than they were shown.
        if (order.GiftCardCode is not null && order.GiftCardAmountCents != shown.GiftCard)
            failures.Add(new Commerce.Domain.Common.DomainFailure(Commerce.Domain.Common.FailureCodes.ValidationError, "gift_card_code", false,
                "the gift card no longer pays what it did when the order was last priced (expired, deactivated or spent): review the order and place again",
                new Dictionary<string, object?> { ["previous"] = shown.GiftCard, ["current"] = order.GiftCardAmountCents }));
        if ((promotionsChanged || order.GiftCardAmountCents != shown.GiftCard) && order.TotalAmountWithTaxesCents != shownTotal)
            failures.Add(new Commerce.Domain.Common.DomainFailure(Commerce.Domain.Common.FailureCodes.ValidationError, "total_amount_with_taxes_cents", false,
                "the payable total changed since the order was last priced: review it and place again",
                new Dictionary<string, object?> { ["previous"] = shownTotal, ["current"] = order.TotalAmountWithTaxesCents }));
        if (failures.Count == 0)
            return;
        await db.SaveChangesAsync(cancellationToken);
        throw new PlacementFailedException(failures);
    }

    /// <summary>A participant may refuse a cancel or refund before any money moves (a bought gift card already spent: a person decides).</summary>
    private async Task EnsureGiveBackAllowedAsync(Order order, string topic, CancellationToken cancellationToken)
    {
        if (order.Status is not (OrderStatus.Placed or OrderStatus.Approved))
            return;
        var failures = await participants.CheckGiveBackAsync(db, order, topic, clock.GetUtcNow(), cancellationToken);
        if (failures.Count > 0)
            throw new Commerce.Domain.Common.DomainException(failures, $"the order cannot be {(topic == OrderEvents.Cancelled ? "cancelled" : "refunded")}");
    }

    /// <summary>The caller's role, as far as the order's rules care (<see cref="Order.EnsureChangeableBy"/>).</summary>
    private OrderChanger Changer => caller.IsIntegration ? OrderChanger.Integration : OrderChanger.SalesChannel;

    /// <summary>The order is named to placement by the version this request loaded it at; the request's other changes go with its completion.</summary>
    private Task PlaceAsync(Order order, CancellationToken cancellationToken)
    {
        order.EnsureNotExpired(clock.GetUtcNow());
        return metrics.MeasurePlacementAsync(() => placement.PlaceAsync(order, db.LoadedVersion(order), cancellationToken));
    }

    /// <summary>
    /// <c>coupon_code</c> (blank removes it); <c>gift_card_or_coupon_code</c> (old clients) is a coupon code when a coupon has
    /// the code (case-insensitively), and otherwise a gift card code (exact match, failed attempts counted), refused at its own pointer.
    /// </summary>
    private async Task ApplyCodesAsync(Order order, ResourceInput input, string? couponCode, string? eitherCode, CancellationToken cancellationToken)
    {
        if (input.Attributes.ContainsKey("coupon_code"))
            order.SetCouponCode(couponCode);
        if (!input.Attributes.ContainsKey(EitherCode))
            return;
        if (string.IsNullOrWhiteSpace(eitherCode))
        {
            order.SetCouponCode(null);
            await giftCardCodes.ApplyCodeAsync(order, null, cancellationToken, member: EitherCode);
            return;
        }
        var normalized = Commerce.Domain.Promotions.Coupon.Normalize(eitherCode);
        if (!await db.Coupons.AnyAsync(c => c.NormalizedCode == normalized, cancellationToken))
        {
            await giftCardCodes.ApplyCodeAsync(order, eitherCode, cancellationToken, member: EitherCode);
            return;
        }
        try
        {
            order.SetCouponCode(eitherCode);
        }
        catch (Commerce.Domain.Common.DomainException exception)
        {
            throw new Commerce.Domain.Common.DomainException([.. exception.Failures.Select(f => f with { Member = EitherCode })]);
        }
    }

    private const string EitherCode = "gift_card_or_coupon_code";

    private static void ApplyAttributes(Order order, ResourceInput input)
    {
        if (input.TryGetAttribute<string?>("customer_email", out var email))
            order.SetCustomerEmail(email);
        if (input.TryGetAttribute<string?>("language_code", out var language))
            order.ChangeLanguage(language ?? "");
        if (input.TryGetAttribute<string?>("reference", out var reference))
            order.SetReference(reference);
        if (input.TryGetAttribute<IReadOnlyDictionary<string, object?>?>("metadata", out var metadata))
            order.SetMetadata(metadata ?? new Dictionary<string, object?>());
    }

    /// <summary>The links, expiry and flags Commerce Layer's storefront clients send (none changes the money).</summary>
    private void ApplyStorefrontAttributes(Order order, ResourceInput input)
    {
        if (input.TryGetAttribute<string?>("cart_url", out var cart))
            order.SetCartUrl(cart);
        if (input.TryGetAttribute<string?>("return_url", out var back))
            order.SetReturnUrl(back);
        if (input.TryGetAttribute<string?>("terms_url", out var terms))
            order.SetTermsUrl(terms);
        if (input.TryGetAttribute<string?>("privacy_url", out var privacy))
            order.SetPrivacyUrl(privacy);
        if (input.TryGetAttribute<bool?>("autorefresh", out var autorefresh))
            order.SetAutorefresh(autorefresh ?? true);
        if (input.TryGetAttribute<DateTimeOffset?>("expires_at", out var expiresAt))
        {
            if (!caller.IsIntegration)
                throw JsonApiException.Forbidden("Only an integration may set expires_at.", ResourceInput.AttributePointer("expires_at"));
            order.SetExpiresAt(expiresAt, clock.GetUtcNow());
        }
    }

    /// <summary>
    /// <c>customer_email</c> as Commerce Layer reads it: the customer with that email (case-insensitive), or a new one, is
    /// linked to the order; null unlinks. Linking gives the caller nothing of the customer's: a sales channel still may not
    /// read customers, and the order shows the email it was sent. A customer's own token keeps its own customer.
    /// <c>customer_password</c> signs that customer up, unless it has a password already or other orders (who knows an email
    /// must not gain its order history): 422 at <c>customer_password</c>.
    /// </summary>
    private async Task LinkCustomerByEmailAsync(Order order, ResourceInput input, CancellationToken cancellationToken)
    {
        var emailSent = input.TryGetAttribute<string?>("customer_email", out _);
        var passwordSent = input.TryGetAttribute<string?>("customer_password", out var password);
        var passwordPointer = ResourceInput.AttributePointer("customer_password");
        if (caller.IsCustomer)
        {
            if (passwordSent)
                throw JsonApiException.Forbidden("A signed-in customer has an account already: customer_password is for signing up.", passwordPointer);
            return;
        }
        if (emailSent)
            order.AssignCustomer(order.CustomerEmail is { } email ? await FindOrCreateCustomerAsync(email, cancellationToken) : null);
        if (!passwordSent || string.IsNullOrEmpty(password))
            return;
        var customer = order.Customer
            ?? throw JsonApiException.Invalid(passwordPointer, "customer_password needs customer_email: send both to sign the customer up.");
        if (customer.PasswordHash is not null)
            throw JsonApiException.Invalid(passwordPointer, "This email has an account already: sign in instead.");
        if (password.Length < 8)
            throw JsonApiException.Invalid(passwordPointer, "customer_password is too short (at least 8 characters).");
        if (db.Entry(customer).State != EntityState.Added
            && await db.Orders.AnyAsync(o => o.CustomerId == customer.Id && o.Id != order.Id, cancellationToken))
            throw JsonApiException.Invalid(passwordPointer, "This email has other orders: it cannot be signed up through an order. Sign up as a customer first.");
        customer.SetPasswordHash(passwords.Hash(customer, password));
        order.CustomerSignedUp(customer);
    }

    /// <summary>
    /// Saves the request's changes. Two requests creating the customer of one new email at once: the second one's insert hits
    /// the unique index on the email; its new customer is dropped (with its <c>customers.create</c> event), the order is linked to
    /// the customer the first one created, and the save is made again. A sign-up (customer_password) is not retried: 409.
    /// </summary>
    private async Task SaveAsync(Order order, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException taken) when (order.Customer is { } created && db.Entry(created).State == EntityState.Added
            && created.PasswordHash is null && IsCustomerEmailTaken(taken))
        {
            db.Entry(created).State = EntityState.Detached;
            foreach (var recorded in db.ChangeTracker.Entries<Commerce.Api.Outbox.OutboxEvent>().Where(e => e.Entity.ResourceId == created.Id).ToList())
                recorded.State = EntityState.Detached;
            order.AssignCustomer(await FindOrCreateCustomerAsync(created.Email, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The unique index on <c>customers.email</c>, as SQLite, PostgreSQL and SQL Server name it in their messages.</summary>
    private static bool IsCustomerEmailTaken(DbUpdateException exception) =>
        exception.InnerException?.Message is { } message
        && (message.Contains("IX_customers_email", StringComparison.Ordinal)
            || message.Contains("UNIQUE constraint failed: customers.email", StringComparison.Ordinal));

    /// <summary>The customer with <paramref name="email"/>, compared case-insensitively (the oldest, should two differ only in case), or a new one.</summary>
    private async Task<Customer> FindOrCreateCustomerAsync(string email, CancellationToken cancellationToken)
    {
        var lowered = email.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL's LOWER(), which the culture of this process does not touch.
        var found = db.Customers.Local.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
            ?? await db.Customers.Where(c => c.Email.ToLower() == lowered).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        if (found is not null)
            return found;
        var created = new Customer(email);
        db.Customers.Add(created);
        return created;
    }

    /// <summary>
    /// Linking a payment source another order uses: 422 at the relationship, whether this check or (two requests at once) the
    /// unique index on <c>orders.payment_source_id</c> finds it (see <c>CommerceExceptionMapper</c>).
    /// </summary>
    public static JsonApiException PaymentSourceTaken() => JsonApiException.Invalid(ResourceInput.RelationshipPointer("payment_source"),
        "This payment source is used by another order: a payment source belongs to one order. Create a new one for this order.");

    /// <summary>
    /// The address book and the wallet, as Commerce Layer's order triggers use them:
    /// <list type="bullet">
    /// <item><c>_billing_address_clone_id</c> / <c>_shipping_address_clone_id</c>: a copy of an address the caller may read, read
    /// through the <c>addresses</c> rule and scope (a customer: its own; anything else is 404 at the trigger, as reading it is).</item>
    /// <item><c>_customer_payment_source_id</c>: a copy of the source of a wallet entry the caller may read (a customer: its own
    /// entries; a sales channel: none, 403 at the trigger), which must belong to the order's customer (422 otherwise).</item>
    /// <item>the <c>_save_*</c> requests: kept on the order and carried out once it is placed (<c>SaveToCustomerBook</c>, after
    /// <c>orders.place</c>); a sales channel without a signed-in customer may not fill a customer's book (403 at the trigger).</item>
    /// </list>
    /// </summary>
    private async Task ApplyCustomerBookAsync(Order order, ResourceInput input, CancellationToken cancellationToken)
    {
        static string Pointer(string trigger) => ResourceInput.AttributePointer(trigger);
        if (input.Triggers.ContainsKey(OrderTriggers.BillingAddressCloneId))
            order.CloneBillingAddress(await targets.FindByIdAsync<Address>("addresses", input.Trigger<string>(OrderTriggers.BillingAddressCloneId),
                Pointer(OrderTriggers.BillingAddressCloneId)));
        if (input.Triggers.ContainsKey(OrderTriggers.ShippingAddressCloneId))
            order.CloneShippingAddress(await targets.FindByIdAsync<Address>("addresses", input.Trigger<string>(OrderTriggers.ShippingAddressCloneId),
                Pointer(OrderTriggers.ShippingAddressCloneId)));
        if (input.Triggers.ContainsKey(OrderTriggers.CustomerPaymentSourceId))
        {
            var pointer = Pointer(OrderTriggers.CustomerPaymentSourceId);
            if (!caller.IsIntegration && !caller.IsCustomer)
                throw JsonApiException.Forbidden("Only a signed-in customer (or an integration) pays from a customer's wallet.", pointer);
            var entry = await targets.FindByIdAsync<Commerce.Domain.Customers.CustomerPaymentSource>("customer_payment_sources",
                input.Trigger<string>(OrderTriggers.CustomerPaymentSourceId), pointer);
            if (entry.CustomerId != order.CustomerId)
                throw JsonApiException.Invalid(pointer, "This wallet entry is not of the order's customer.");
            order.PayWithCopyOf(entry.PaymentSource!, entry.PaymentMethod, OrderTriggers.CustomerPaymentSourceId);
            db.Entry(order.PaymentSource!).Property(Commerce.Api.Persistence.Configurations.Ownership.CustomerId).CurrentValue = order.CustomerId;
        }
        bool? Asked(string trigger) => input.Triggers.ContainsKey(trigger) ? input.Trigger<bool>(trigger) : null;
        var (billing, shipping, wallet) = (Asked(OrderTriggers.SaveBillingAddress), Asked(OrderTriggers.SaveShippingAddress), Asked(OrderTriggers.SavePaymentSource));
        if (billing is null && shipping is null && wallet is null)
            return;
        if (!caller.IsIntegration && !caller.IsCustomer)
        {
            var sent = new[] { OrderTriggers.SaveBillingAddress, OrderTriggers.SaveShippingAddress, OrderTriggers.SavePaymentSource }.Where(input.Triggers.ContainsKey);
            throw new JsonApiException([.. sent.Select(t => new ErrorObject(403, ErrorCodes.Forbidden, "Forbidden",
                "Only a signed-in customer (or an integration) saves to a customer's address book or wallet.", ErrorSource.AtPointer(Pointer(t))))]);
        }
        order.RequestSavingToCustomer(billing, shipping, wallet, OrderTriggers.SaveBillingAddress, OrderTriggers.SaveShippingAddress, OrderTriggers.SavePaymentSource);
    }

    /// <summary>
    /// Every target is resolved through its own type's access rule and scope (<see cref="RelationshipTargets"/>): another
    /// customer's address or payment source is 404 at the relationship's pointer, as reading it would be.
    /// </summary>
    private async Task ApplyRelationshipsAsync(Order order, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.TryGetRelationship("customer", out var customer))
        {
            if (!caller.IsIntegration)
                throw JsonApiException.Forbidden("Only an integration may link an order to a customer; a customer's token links its own.", customer.Pointer);
            order.AssignCustomer(await targets.FindAsync<Customer>(customer));
        }
        if (input.TryGetRelationship("billing_address", out var billing))
            order.SetBillingAddress(await targets.FindAsync<Address>(billing));
        if (input.TryGetRelationship("shipping_address", out var shipping))
            order.SetShippingAddress(await targets.FindAsync<Address>(shipping));
        if (input.TryGetRelationship("shipping_method", out var shippingMethod))
            order.SetShippingMethod(await targets.FindAsync<ShippingMethod>(shippingMethod));
        if (input.TryGetRelationship("payment_method", out var paymentMethod))
            order.SetPaymentMethod(await targets.FindAsync<PaymentMethod>(paymentMethod));
        if (input.TryGetRelationship("payment_source", out var paymentSource))
        {
            var source = await targets.FindAsync<PaymentSource>(paymentSource);
            if (source is not null && await db.Orders.AnyAsync(o => o.PaymentSourceId == source.Id && o.Id != order.Id, cancellationToken))
                throw PaymentSourceTaken();
            order.SetPaymentSource(source);
        }
    }
}
