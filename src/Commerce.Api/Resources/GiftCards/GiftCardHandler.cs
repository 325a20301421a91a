using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.GiftCards;

/// <summary>
/// The use case of <c>gift_cards</c>. An integration manages every card. A sales channel (or customer) may create a <c>draft</c>
/// card, to buy it on an order, and read draft cards by id: a draft is worth nothing until it is bought and activated. What
/// it may not choose on create: the code (a chosen code may be guessable) and <c>distribute_discount</c> (the shop's tax policy).
/// A PATCH applies, in this order: the terms, <c>_balance_change_cents</c>, then at most one of <c>_purchase</c>,
/// <c>_activate</c>, <c>_deactivate</c>; one save, so a request fails as one.
/// </summary>
internal sealed class GiftCardHandler(CommerceDbContext db, IValidator<GiftCard> validator, Caller caller, TimeProvider clock) : IResourceHandler<GiftCard>
{
    /// <summary>Attributes only an integration may send on create.</summary>
    private static readonly string[] IntegrationOnCreate = ["code", "distribute_discount"];

    public IQueryable<GiftCard> Query()
    {
        var cards = db.GiftCards.Include("_ledger");
        return caller.IsIntegration ? cards : cards.Where(c => c.Status == GiftCardStatus.Draft);
    }

    public bool HidesNothing => caller.IsIntegration;

    public async Task<GiftCard> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("currency_code", "balance_cents");
        if (!caller.IsIntegration && IntegrationOnCreate.FirstOrDefault(input.HasAttribute) is { } refused)
            throw JsonApiException.Forbidden($"Only an integration may set {refused}.", ResourceInput.AttributePointer(refused));
        input.TryGetAttribute<string?>("code", out var code);
        var card = GiftCard.Create((string)input.Attributes["currency_code"]!, (long)input.Attributes["balance_cents"]!, code, clock.GetUtcNow());
        ApplyTerms(card, input);
        await ValidateAsync(card, cancellationToken);
        db.GiftCards.Add(card);
        await db.SaveChangesAsync(cancellationToken);
        return card;
    }

    public async Task UpdateAsync(GiftCard resource, ResourceInput input, CancellationToken cancellationToken)
    {
        var lifecycle = GiftCardTriggers.Lifecycle.Where(input.HasTrigger).ToList();
        if (lifecycle.Count > 1)
            throw new JsonApiException([.. lifecycle.Select(t => new ErrorObject(422, ErrorCodes.ValidationError, "Unprocessable entity",
                $"Send one of {string.Join(", ", GiftCardTriggers.Lifecycle)} per request.", ErrorSource.AtPointer(ResourceInput.AttributePointer(t))))]);
        var now = clock.GetUtcNow();
        ApplyTerms(resource, input);
        if (input.Triggers.TryGetValue(GiftCardTriggers.BalanceChange, out var delta) && delta is not null)
            resource.ChangeBalance(Convert.ToInt64(delta, System.Globalization.CultureInfo.InvariantCulture), now);
        switch (lifecycle.FirstOrDefault())
        {
            case GiftCardTriggers.Purchase:
                resource.Purchase();
                break;
            case GiftCardTriggers.Activate:
                resource.Activate(now);
                break;
            case GiftCardTriggers.Deactivate:
                resource.Deactivate();
                break;
        }
        await ValidateAsync(resource, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Only a draft card that no order has used may be deleted; any other card is history (its ledger) and is deactivated instead.</summary>
    public async Task DeleteAsync(GiftCard resource, CancellationToken cancellationToken)
    {
        if (resource.Status != GiftCardStatus.Draft)
            throw new DomainException(FailureCodes.ValidationError, $"Only a draft gift card can be deleted; this one is {resource.Status}: deactivate it instead.", "status");
        if (await db.GiftCardLedger.AnyAsync(e => e.GiftCardId == resource.Id && e.OrderId != null, cancellationToken))
            throw new DomainException(FailureCodes.ValidationError, "An order has used this gift card: it is kept with its ledger.", "status");
        db.GiftCards.Remove(resource);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void ApplyTerms(GiftCard card, ResourceInput input)
    {
        if (input.TryGetAttribute<bool?>("single_use", out var singleUse))
            card.SetSingleUse(singleUse ?? false);
        if (input.TryGetAttribute<bool?>("rechargeable", out var rechargeable))
            card.SetRechargeable(rechargeable ?? false);
        if (input.TryGetAttribute<bool?>("distribute_discount", out var distribute))
            card.SetDistributeDiscount(distribute ?? false);
        if (input.TryGetAttribute<DateTimeOffset?>("expires_at", out var expiresAt))
            card.SetExpiresAt(expiresAt);
        if (input.TryGetAttribute<string?>("recipient_email", out var email))
            card.SetRecipientEmail(email);
        if (input.TryGetAttribute<string?>("reference", out var reference))
            card.SetReference(reference);
        if (input.TryGetAttribute<long?>("balance_max_cents", out var max))
            card.SetBalanceMax(max);
    }

    private async Task ValidateAsync(GiftCard card, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(card, cancellationToken);
        if (result.IsValid)
            return;
        throw new JsonApiException([.. result.Errors.Select(f => new ErrorObject(422, ErrorCodes.ValidationError, "Unprocessable entity",
            f.ErrorMessage, ErrorSource.AtPointer(ResourceInput.AttributePointer(Commerce.JsonApi.Resources.NamingPolicy.ToMemberName(f.PropertyName)))))]);
    }
}

internal sealed class GiftCardValidator : AbstractValidator<GiftCard>
{
    public GiftCardValidator(CommerceDbContext db)
    {
        // The message never quotes the code: it is the card's secret.
        RuleFor(c => c.Code)
            .MustAsync(async (card, code, ct) => !await db.GiftCards.AnyAsync(c => c.Code == code && c.Id != card.Id, ct))
            .WithMessage("code has already been taken.");
        RuleFor(c => c.RecipientEmail).MaximumLength(256).EmailAddress();
    }
}
