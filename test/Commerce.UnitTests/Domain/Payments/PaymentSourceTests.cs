using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;

namespace Commerce.UnitTests.Domain.Payments;

public class PaymentSourceTests
{
    [TestCase("4111111111111111")]
    [TestCase("4111 1111 1111 1111")]
    [TestCase("5500-0000-0000-0004")]
    [TestCase("378282246310005")]
    [TestCase("4222222222222")]
    public void Refuses_a_card_number_as_token_without_echoing_it(string cardNumber)
    {
        var ex = Assert.Throws<DomainException>(() => _ = new ExternalPayment(cardNumber));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo("VALIDATION_ERROR"));
            Assert.That(ex.Member, Is.EqualTo("payment_source_token"));
            Assert.That(ex.Message, Does.Not.Contain(cardNumber).And.Not.Contain("4111").And.Not.Contain("0004"));
        }
    }

    [TestCase("4111111111111112")]
    [TestCase("123456789012")]
    [TestCase("12345678901234567890")]
    [TestCase("tok_visa")]
    public void Accepts_tokens_that_are_not_card_numbers(string token) =>
        Assert.That(new ExternalPayment(token).PaymentSourceToken, Is.EqualTo(token));

    [Test]
    public void Refuses_a_blank_token()
    {
        var ex = Assert.Throws<DomainException>(() => _ = new ExternalPayment(" "));
        Assert.That(ex!.Member, Is.EqualTo("payment_source_token"));
    }

    [Test]
    public void Changing_the_token_checks_it_too()
    {
        var payment = new ExternalPayment("tok_visa");
        Assert.That(() => payment.ChangeToken("4111111111111111"), Throws.InstanceOf<DomainException>());
        Assert.That(payment.PaymentSourceToken, Is.EqualTo("tok_visa"));
    }

    [Test]
    public void Sources_expose_their_resource_type()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new ExternalPayment("tok_visa").ResourceType, Is.EqualTo("external_payments"));
            Assert.That(new WireTransfer().ResourceType, Is.EqualTo("wire_transfers"));
        }
    }

    [Test]
    public void Gateway_request_text_never_shows_the_token()
    {
        var request = new GatewayRequest("o1", 100, "EUR", "tok_secret", "k1");
        Assert.That(request.ToString(), Does.Not.Contain("tok_secret"));
    }

    [TestCase("authorization", "authorizations")]
    [TestCase("void", "voids")]
    [TestCase("capture", "captures")]
    [TestCase("refund", "refunds")]
    public void Transactions_map_kinds_to_resource_types(string kind, string type) =>
        Assert.That(new PaymentTransaction(kind, "o1", 1, "EUR", "k", DateTimeOffset.UnixEpoch).ResourceType, Is.EqualTo(type));
}
