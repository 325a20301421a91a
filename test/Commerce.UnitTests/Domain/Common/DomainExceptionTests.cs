using Commerce.Domain.Common;

namespace Commerce.UnitTests.Domain.Common;

public class DomainExceptionTests
{
    [Test]
    public void A_domain_exception_carries_at_least_one_failure() =>
        Assert.Throws<ArgumentException>(() => _ = new DomainException([]));

    [Test]
    public void Its_code_and_member_are_those_of_its_first_failure_and_its_message_the_first_detail()
    {
        var exception = new DomainException(
        [
            DomainFailure.AtRelationship("billing_address", "billing_address is missing"),
            DomainFailure.AtAttribute("customer_email", "customer_email can't be blank"),
        ]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((exception.Code, exception.Member, exception.IsRelationship), Is.EqualTo((FailureCodes.ValidationError, "billing_address", true)));
            Assert.That(exception.Message, Is.EqualTo("billing_address is missing"));
            Assert.That(exception.Failures, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public void A_failure_of_the_resource_as_a_whole_names_no_member() =>
        Assert.That(DomainFailure.OfResource("frozen"), Is.EqualTo(new DomainFailure(FailureCodes.ValidationError, null, false, "frozen")));
}
