using Commerce.Domain.Common;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Hosting;

/// <summary>The host's exceptions in JSON:API terms; the funnel in Commerce.JsonApi does the rest.</summary>
internal sealed class CommerceExceptionMapper : IExceptionErrorMapper
{
    public JsonApiException? Map(Exception exception) => exception switch
    {
        PlacementFailedException failed => new JsonApiException([.. failed.Failures.Select(f =>
            new ErrorObject(422, f.Code, "Unprocessable entity", f.Detail, ErrorSource.AtPointer(f.SourcePointer))
            {
                Meta = f.Meta?.ToDictionary(m => m.Key, m => (object?)m.Value),
            })]),
        PlacementConflictException => JsonApiException.Conflict(ErrorCodes.Conflict,
            "The order is being placed by another request, or was changed by one; reload it.", PlacementPointers.Status),
        PaymentDeclinedException declined => new JsonApiException(new ErrorObject(422, PaymentDeclinedException.ErrorCode, "Payment declined",
            $"The payment was declined: {declined.Reason}. The order was not placed.", ErrorSource.AtPointer(PlacementPointers.PaymentSource))),
        PaymentGatewayException gateway => new JsonApiException(new ErrorObject(502, PaymentGatewayException.ErrorCode, "Payment gateway error",
            (gateway.TimedOut ? "The payment gateway did not answer in time" : "The payment gateway failed")
            + (gateway.Released
                ? "; the order was not placed and no money is held. The same request may be retried."
                : "; an authorization may be held and could not be released yet. The order stays placing until the service settles it "
                  + "with the gateway (it is then placed, or back to its previous status with nothing held); reload the order later."))),
        PaymentInProgressException { PendingType: { } pendingType } inProgress => new JsonApiException(new ErrorObject(409, ErrorCodes.Conflict, "Conflict",
            $"A payment of this order is still pending ({pendingType} {inProgress.PendingTransactionId}): it may have moved money at the gateway. "
            + "Nothing was done. It is settled with the gateway by the service (the request that began it, or after a crash its reconciler); "
            + "reload the order and retry if the change is still needed.",
            ErrorSource.AtPointer(ResourceInput.AttributePointer("payment_status")))
        {
            Meta = new Dictionary<string, object?> { ["pending_type"] = pendingType, ["pending_id"] = inProgress.PendingTransactionId },
        }),
        PaymentInProgressException => JsonApiException.Conflict(ErrorCodes.Conflict,
            "The order was changed by another request while this payment was being started; nothing was done. Reload it and try again.",
            ResourceInput.AttributePointer("payment_status")),
        DomainException domain => new JsonApiException(new ErrorObject(422, domain.Code, "Unprocessable entity", domain.Message,
            ErrorSource.AtPointer(domain.Member is null ? "/data"
                : domain.IsRelationship ? ResourceInput.RelationshipPointer(domain.Member) : ResourceInput.AttributePointer(domain.Member)))),
        DbUpdateConcurrencyException => JsonApiException.Conflict(ErrorCodes.Conflict, "The resource was changed by another request; nothing was saved. Reload it and try again."),
        DbUpdateException taken when IsPaymentSourceTaken(taken) => Resources.Orders.OrderHandler.PaymentSourceTaken(),
        DbUpdateException => JsonApiException.Conflict(ErrorCodes.Conflict, "The change conflicts with existing data (a unique value is taken, or a related record is in use); nothing was saved."),
        _ => null,
    };

    /// <summary>The unique index on <c>orders.payment_source_id</c>, as SQLite, PostgreSQL and SQL Server name it in their messages.</summary>
    private static bool IsPaymentSourceTaken(DbUpdateException exception) =>
        exception.InnerException?.Message is { } message
        && (message.Contains("IX_orders_payment_source_id", StringComparison.Ordinal)
            || message.Contains("UNIQUE constraint failed: orders.payment_source_id", StringComparison.Ordinal));
}
