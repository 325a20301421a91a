using Commerce.Api.Gateways;
using Commerce.Domain.Payments;

namespace Commerce.UnitTests.Api.Gateways;

/// <summary>The built-in gateway answers a repeated idempotency key with its first answer, for every kind of money movement.</summary>
public class TestPaymentGatewayTests
{
    private TestPaymentGateway _gateway = null!;

    [SetUp]
    public void SetUp() => _gateway = new TestPaymentGateway(TimeProvider.System, TimeSpan.FromMilliseconds(30));

    private async Task<string> AuthorizedReference()
    {
        var result = await _gateway.AuthorizeAsync(new GatewayRequest("ord_1", 5000, "EUR", "tok_visa", PaymentTransaction.NewIdempotencyKey()), CancellationToken.None);
        return result.GatewayReference!;
    }

    private static GatewayRequest Request(string key, string reference) => new("ord_1", 5000, "EUR", null, key, reference);

    [Test]
    public async Task A_capture_repeated_with_its_key_after_a_refund_is_answered_as_the_first_time()
    {
        var reference = await AuthorizedReference();
        var captureKey = PaymentTransaction.NewIdempotencyKey();
        var first = await _gateway.CaptureAsync(Request(captureKey, reference), CancellationToken.None);
        await _gateway.RefundAsync(Request(PaymentTransaction.NewIdempotencyKey(), reference), CancellationToken.None);

        var repeated = await _gateway.CaptureAsync(Request(captureKey, reference), CancellationToken.None);

        Assert.That(first.IsApproved, Is.True);
        Assert.That(repeated, Is.EqualTo(first));
        Assert.That(_gateway.StatusOf(reference), Is.EqualTo("refunded"), "the repeat moved nothing");
    }

    [Test]
    public async Task A_void_repeated_with_its_key_is_answered_as_the_first_time()
    {
        var reference = await AuthorizedReference();
        var key = PaymentTransaction.NewIdempotencyKey();
        var first = await _gateway.VoidAsync(Request(key, reference), CancellationToken.None);

        var repeated = await _gateway.VoidAsync(Request(key, reference), CancellationToken.None);

        Assert.That(first.IsApproved, Is.True);
        Assert.That(repeated, Is.EqualTo(first));
        Assert.That(_gateway.StatusOf(reference), Is.EqualTo("voided"));
    }

    [Test]
    public async Task A_declined_movement_repeated_with_its_key_stays_declined_even_when_it_would_now_pass()
    {
        var reference = await AuthorizedReference();
        var refundKey = PaymentTransaction.NewIdempotencyKey();
        var first = await _gateway.RefundAsync(Request(refundKey, reference), CancellationToken.None); // not captured yet
        await _gateway.CaptureAsync(Request(PaymentTransaction.NewIdempotencyKey(), reference), CancellationToken.None);

        var repeated = await _gateway.RefundAsync(Request(refundKey, reference), CancellationToken.None);

        Assert.That(first.Outcome, Is.EqualTo(GatewayOutcome.Declined));
        Assert.That(repeated, Is.EqualTo(first));
        Assert.That(_gateway.StatusOf(reference), Is.EqualTo("captured"), "the repeat refunded nothing");
    }

    [Test]
    public async Task A_key_reused_for_another_operation_is_declined_and_moves_nothing()
    {
        var reference = await AuthorizedReference();
        var key = PaymentTransaction.NewIdempotencyKey();
        await _gateway.CaptureAsync(Request(key, reference), CancellationToken.None);

        var other = await _gateway.RefundAsync(Request(key, reference), CancellationToken.None);

        Assert.That(other.Outcome, Is.EqualTo(GatewayOutcome.Declined));
        Assert.That(_gateway.StatusOf(reference), Is.EqualTo("captured"));
    }
}
