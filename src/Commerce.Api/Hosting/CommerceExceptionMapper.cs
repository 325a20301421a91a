using Commerce.Domain.Common;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Hosting;

/// <summary>
/// The host's exceptions in JSON:API terms; the funnel in Commerce.JsonApi does the rest. The one place where the domain's
/// failures (<see cref="DomainFailure"/>: code, member, relationship or not, detail, meta) become error objects: the member
/// becomes the pointer (<see cref="PointerOf"/>) and the code the HTTP status (<see cref="StatusOf"/>); every failure of a
/// <see cref="DomainException"/> is one error object. A few exceptions get the host's own title and detail (payments).
/// </summary>
internal sealed class CommerceExceptionMapper : IExceptionErrorMapper
{
    public JsonApiException? Map(Exception exception) => exception switch
    {
        PlacementConflictException conflict => JsonApiException.Conflict(ErrorCodes.Conflict,
            "The order is being placed by another request, or was changed by one; reload it.", PointerOf(conflict.Failures[0])),
        PaymentDeclinedException declined => new JsonApiException(new ErrorObject(422, declined.Code, "Payment declined",
            $"The payment was declined: {declined.Reason}. The order was not placed.", ErrorSource.AtPointer(PointerOf(declined.Failures[0])))),
        PaymentGatewayException gateway => new JsonApiException(new ErrorObject(502, gateway.Code, "Payment gateway error",
            (gateway.TimedOut ? "The payment gateway did not answer in time" : "The payment gateway failed") + (gateway.Movement switch
            {
                null when gateway.Released => "; the order was not placed and no money is held. The same request may be retried.",
                null => "; an authorization may be held and could not be released yet. The order stays placing until the service settles it "
                    + "with the gateway (it is then placed, or back to its previous status with nothing held); reload the order later.",
                { } movement when gateway.Released => $"; the {movement} was not made and the order is unchanged. The same request may be retried.",
                { } movement => $"; it may have made the {movement}. The {movement} stays pending, and the order unchanged, until the service "
                    + "settles it with the gateway (asking again with the same idempotency key); until then other payment changes of the order "
                    + "are refused with 409. Reload the order later.",
            }))),
        PaymentInProgressException { PendingType: { } pendingType } inProgress => new JsonApiException(new ErrorObject(409, ErrorCodes.Conflict, "Conflict",
            $"A payment of this order is still pending ({pendingType} {inProgress.PendingTransactionId}): it may have moved money at the gateway. "
            + "Nothing was done. It is settled with the gateway by the service (the request that began it, or after a crash its reconciler); "
            + "reload the order and retry if the change is still needed.",
            ErrorSource.AtPointer(PointerOf(inProgress.Failures[0])))
        {
            Meta = new Dictionary<string, object?> { ["pending_type"] = pendingType, ["pending_id"] = inProgress.PendingTransactionId },
        }),
        PaymentInProgressException inProgress => JsonApiException.Conflict(ErrorCodes.Conflict,
            "The order was changed by another request while this payment was being started; nothing was done. Reload it and try again.",
            PointerOf(inProgress.Failures[0])),
        DomainException domain => new JsonApiException([.. domain.Failures.Select(ErrorOf)]),
        DbUpdateConcurrencyException => JsonApiException.Conflict(ErrorCodes.Conflict, "The resource was changed by another request; nothing was saved. Reload it and try again."),
        DbUpdateException taken when IsPaymentSourceTaken(taken) => Resources.Orders.OrderHandler.PaymentSourceTaken(),
        DbUpdateException => JsonApiException.Conflict(ErrorCodes.Conflict, "The change conflicts with existing data (a unique value is taken, or a related record is in use); nothing was saved."),
        _ => null,
    };

    /// <summary>One failure of the domain as one error object, its detail and meta as the domain gave them.</summary>
    private static ErrorObject ErrorOf(DomainFailure failure)
    {
        var status = StatusOf(failure.Code);
        return new ErrorObject(status, failure.Code, status == StatusCodes.Status409Conflict ? "Conflict" : "Unprocessable entity", failure.Detail,
            ErrorSource.AtPointer(PointerOf(failure)))
        {
            Meta = failure.Meta,
        };
    }

    /// <summary>
    /// The HTTP status of a domain failure's code: 409 for <see cref="FailureCodes.Conflict"/> (another request is changing
    /// the order: reload it and retry), 422 for every other broken rule. (Gateway failures, 502, are answered above.)
    /// </summary>
    public static int StatusOf(string code) => code == FailureCodes.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;

    /// <summary>
    /// The JSON pointer of a domain failure: <c>/data/attributes/{member}</c>, <c>/data/relationships/{member}</c>, or
    /// <c>/data</c> for a failure of the resource as a whole. Member names are already the wire's (see <see cref="DomainFailure"/>).
    /// </summary>
    public static string PointerOf(DomainFailure failure) => failure.Member is not { } member
        ? "/data"
        : failure.IsRelationship ? ResourceInput.RelationshipPointer(member) : ResourceInput.AttributePointer(member);

    /// <summary>The unique index on <c>orders.payment_source_id</c>, as SQLite, PostgreSQL and SQL Server name it in their messages.</summary>
    private static bool IsPaymentSourceTaken(DbUpdateException exception) =>
        exception.InnerException?.Message is { } message
        && (message.Contains("IX_orders_payment_source_id", StringComparison.Ordinal)
            || message.Contains("UNIQUE constraint failed: orders.payment_source_id", StringComparison.Ordinal));
}
