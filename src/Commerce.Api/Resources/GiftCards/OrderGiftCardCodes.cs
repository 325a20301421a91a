using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Orders;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.GiftCards;

/// <summary>
/// <c>gift_card_code</c> on an order: finds the card by its exact code and hands it to the order (<see cref="Order.ApplyGiftCard"/>),
/// or removes it when blank. Every failed attempt counts against the caller (<see cref="GiftCardCodeAttempts"/>); past the limit
/// the attempt is 429 before any lookup. Errors never quote the code.
/// </summary>
internal sealed class OrderGiftCardCodes(CommerceDbContext db, Caller caller, GiftCardCodeAttempts attempts, IHttpContextAccessor http, TimeProvider clock)
{
    public const string Member = "gift_card_code";

    /// <summary>Applies <c>gift_card_code</c> when the request sent it.</summary>
    public Task ApplyAsync(Order order, ResourceInput input, CancellationToken cancellationToken) =>
        input.TryGetAttribute<string?>(Member, out var code) ? ApplyCodeAsync(order, code, cancellationToken) : Task.CompletedTask;

    /// <summary>Applies a code (also for <c>gift_card_or_coupon_code</c> when it names no coupon); blank removes the card.</summary>
    public async Task ApplyCodeAsync(Order order, string? code, CancellationToken cancellationToken, string member = Member)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            order.RemoveGiftCard();
            return;
        }
        var key = caller.CustomerId is { } customer ? "customer:" + customer : "ip:" + (http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!attempts.Allowed(key))
        {
            // The error funnel clears the response before it writes the error: the header goes on as the answer starts.
            if (http.HttpContext is { } context)
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.RetryAfter = GiftCardCodeAttempts.RetryAfterSeconds;
                    return Task.CompletedTask;
                });
            throw new JsonApiException(new ErrorObject(429, "RATE_LIMITED", "Too many requests",
                $"Too many gift card codes that did not apply: try again later (at most {GiftCardCodeAttempts.Limit} failures in {GiftCardCodeAttempts.Window.TotalMinutes:0} minutes).",
                ErrorSource.AtPointer(ResourceInput.AttributePointer(member))));
        }
        // Exact match: the database's collation may ignore case (SQL Server's default does), the comparison below does not.
        var card = await db.GiftCards.FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (card is null || !string.Equals(card.Code, code, StringComparison.Ordinal))
        {
            attempts.Failed(key);
            throw JsonApiException.Invalid(ResourceInput.AttributePointer(member), "No gift card has this code.");
        }
        try
        {
            order.ApplyGiftCard(card, code, clock.GetUtcNow());
        }
        catch (Commerce.Domain.Common.DomainException)
        {
            attempts.Failed(key);
            throw;
        }
    }
}
