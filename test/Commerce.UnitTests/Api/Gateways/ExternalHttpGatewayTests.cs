using System.Net;
using System.Text;
using Commerce.Api.Gateways;
using Commerce.Api.Placement;
using Commerce.Domain.Payments;

namespace Commerce.UnitTests.Api.Gateways;

/// <summary>
/// How the external gateway reads what it gets back: a decision (approved, declined), a refusal (nothing was done), or no
/// answer (the gateway may have acted; a void, capture or refund then stays pending and is asked again with its key).
/// </summary>
public class ExternalHttpGatewayTests
{
    private static readonly GatewayRequest Capture = new("ord_1", 1000, "EUR", null, "key_1", "ref_1");

    private static ExternalHttpGateway GatewayAnswering(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer, bool withCaptureUrl = true) =>
        new(new HttpClient(new StubHandler(answer)), new PaymentOptions
        {
            External = new ExternalGatewayOptions
            {
                AuthorizeUrl = new Uri("http://127.0.0.1:9/authorize"),
                CaptureUrl = withCaptureUrl ? new Uri("http://127.0.0.1:9/capture") : null,
                TimeoutSeconds = 0.2,
            },
        });

    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Answer(HttpStatusCode status, string? body) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body ?? "", Encoding.UTF8, "application/json") });

    [Test]
    public async Task An_approval_is_a_decision_with_the_gateways_reference()
    {
        var result = await GatewayAnswering(Answer(HttpStatusCode.OK, """{"status":"approved","reference":"cap_9"}""")).CaptureAsync(Capture, CancellationToken.None);

        Assert.That((result.Outcome, result.GatewayReference, result.MayHaveActed), Is.EqualTo((GatewayOutcome.Approved, "cap_9", false)));
    }

    [TestCase(HttpStatusCode.OK)]
    [TestCase(HttpStatusCode.PaymentRequired)]
    public async Task A_decline_is_a_decision_whatever_its_status_code(HttpStatusCode status)
    {
        var result = await GatewayAnswering(Answer(status, """{"status":"declined","message":"authorization expired"}""")).CaptureAsync(Capture, CancellationToken.None);

        Assert.That((result.Outcome, result.Message, result.MayHaveActed), Is.EqualTo((GatewayOutcome.Declined, "authorization expired", false)));
    }

    [TestCase(HttpStatusCode.InternalServerError, "")]
    [TestCase(HttpStatusCode.BadGateway, "<html>bad gateway</html>")]
    [TestCase(HttpStatusCode.ServiceUnavailable, """{"status":"approved"}""")]
    [TestCase(HttpStatusCode.OK, "<html>maintenance</html>")]
    [TestCase(HttpStatusCode.OK, """{"reference":"cap_9"}""")]
    public async Task A_5xx_or_a_success_without_a_decision_is_no_answer(HttpStatusCode status, string body)
    {
        var result = await GatewayAnswering(Answer(status, body)).CaptureAsync(Capture, CancellationToken.None);

        Assert.That((result.Outcome, result.MayHaveActed, result.TimedOut), Is.EqualTo((GatewayOutcome.Failed, true, false)), result.Message);
    }

    [Test]
    public async Task A_gateway_that_does_not_answer_in_time_is_no_answer()
    {
        var result = await GatewayAnswering(async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("not reached");
        }).CaptureAsync(Capture, CancellationToken.None);

        Assert.That((result.Outcome, result.MayHaveActed, result.TimedOut), Is.EqualTo((GatewayOutcome.Failed, true, true)));
    }

    [Test]
    public async Task A_gateway_that_cannot_be_reached_is_no_answer()
    {
        var result = await GatewayAnswering((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused")).CaptureAsync(Capture, CancellationToken.None);

        Assert.That((result.Outcome, result.MayHaveActed), Is.EqualTo((GatewayOutcome.Failed, true)));
        Assert.That(result.Message, Does.Contain("could not be reached"));
    }

    [TestCase(HttpStatusCode.BadRequest, "")]
    [TestCase(HttpStatusCode.Unauthorized, """{"message":"bad signature"}""")]
    [TestCase(HttpStatusCode.NotFound, "<html>no such reference</html>")]
    public async Task A_4xx_without_a_decision_is_a_refusal(HttpStatusCode status, string body)
    {
        var result = await GatewayAnswering(Answer(status, body)).CaptureAsync(Capture, CancellationToken.None);

        Assert.That((result.Outcome, result.MayHaveActed), Is.EqualTo((GatewayOutcome.Failed, false)), result.Message);
        Assert.That(result.Message, Does.Contain("refused the request"));
    }

    [Test]
    public async Task An_operation_without_a_URL_is_a_refusal_and_nothing_is_sent()
    {
        var sent = 0;
        var result = await GatewayAnswering((_, _) =>
        {
            sent++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }, withCaptureUrl: false).CaptureAsync(Capture, CancellationToken.None);

        Assert.That((result.Outcome, result.MayHaveActed, sent), Is.EqualTo((GatewayOutcome.Failed, false, 0)));
    }

    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => answer(request, cancellationToken);
    }
}
