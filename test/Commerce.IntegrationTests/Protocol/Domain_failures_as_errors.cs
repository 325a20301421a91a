using Commerce.Api.Hosting;
using Commerce.Domain.Common;
using Commerce.Domain.Placement;
using Commerce.JsonApi.Errors;

namespace Commerce.IntegrationTests.Protocol;

/// <summary>
/// The host's exception mapper is the one place where the domain's wire-neutral failures (code, member, relationship or
/// not, detail, meta) become JSON:API error objects: pointers and statuses are made there and nowhere else.
/// </summary>
public sealed class Domain_failures_as_errors
{
    private static ErrorObject[] Map(DomainException exception) => [.. new CommerceExceptionMapper().Map(exception)!.Errors];

    [Test]
    public void A_failure_at_an_attribute_points_at_the_attribute() =>
        Assert.That(Map(new DomainException(DomainFailure.AtAttribute("customer_email", "customer_email is not a valid email address"))),
            Is.EqualTo(new[]
            {
                new ErrorObject(422, "VALIDATION_ERROR", "Unprocessable entity", "customer_email is not a valid email address",
                    ErrorSource.AtPointer("/data/attributes/customer_email")),
            }));

    [Test]
    public void A_failure_at_a_relationship_points_at_the_relationship() =>
        Assert.That(Map(new DomainException(DomainFailure.AtRelationship("shipping_address", "shipping_address is missing: nothing to copy")))
            .Select(e => e.Source!.Pointer), Is.EqualTo(new[] { "/data/relationships/shipping_address" }));

    [Test]
    public void A_failure_of_the_resource_as_a_whole_points_at_the_data() =>
        Assert.That(Map(new DomainException(DomainFailure.OfResource("This address belongs to an order that is no longer editable.")))
            .Select(e => e.Source!.Pointer), Is.EqualTo(new[] { "/data" }));

    [Test]
    public void A_conflict_is_409_and_every_other_broken_rule_422()
    {
        var conflict = Map(new DomainException(FailureCodes.Conflict, "The order is being placed by another request; reload it.", "status")).Single();
        var notFound = Map(new DomainException(FailureCodes.RecordNotFound, "line item not found in this order", "line_items", isRelationship: true)).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((conflict.Status, conflict.Code, conflict.Title), Is.EqualTo((409, "CONFLICT", "Conflict")));
            Assert.That((notFound.Status, notFound.Code, notFound.Title), Is.EqualTo((422, "RECORD_NOT_FOUND", "Unprocessable entity")));
        }
    }

    [Test]
    public void Every_failure_of_an_exception_is_one_error_in_order_with_its_meta()
    {
        var errors = Map(new PlacementFailedException(
        [
            DomainFailure.AtAttribute("customer_email", "customer_email can't be blank"),
            Stock.OutOfStock("MUG", 5, 3),
        ]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors.Select(e => (e.Status, e.Code, e.Source!.Pointer)), Is.EqualTo(new[]
            {
                (422, "VALIDATION_ERROR", "/data/attributes/customer_email"),
                (422, "OUT_OF_STOCK", "/data/relationships/line_items"),
            }));
            Assert.That(errors[0].Meta, Is.Null);
            Assert.That(errors[1].Meta, Is.EqualTo(new Dictionary<string, object?> { ["sku_code"] = "MUG", ["available"] = 3 }));
            Assert.That(errors[1].Detail, Is.EqualTo("MUG is out of stock: 5 requested, 3 available"));
        }
    }
}
