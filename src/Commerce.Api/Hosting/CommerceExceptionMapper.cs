using Commerce.Domain.Common;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Hosting;

/// <summary>The host's exceptions in JSON:API terms; the funnel in Commerce.JsonApi does the rest.</summary>
internal sealed class CommerceExceptionMapper : IExceptionErrorMapper
{
    public JsonApiException? Map(Exception exception) => exception switch
    {
        DomainException domain => new JsonApiException(new ErrorObject(422, domain.Code, "Unprocessable entity", domain.Message,
            ErrorSource.AtPointer(domain.Member is null ? "/data"
                : domain.IsRelationship ? ResourceInput.RelationshipPointer(domain.Member) : ResourceInput.AttributePointer(domain.Member)))),
        DbUpdateConcurrencyException => JsonApiException.Conflict(ErrorCodes.Conflict, "The resource was changed by another request; nothing was saved. Reload it and try again."),
        DbUpdateException => JsonApiException.Conflict(ErrorCodes.Conflict, "The change conflicts with existing data (a unique value is taken, or a related record is in use); nothing was saved."),
        _ => null,
    };
}
