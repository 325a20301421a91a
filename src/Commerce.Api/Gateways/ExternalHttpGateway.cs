using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Commerce.Api.Placement;
using Commerce.Domain.Payments;

namespace Commerce.Api.Gateways;

/// <summary>
/// The <c>external</c> gateway: a payment service of yours behind four URLs. Each call POSTs
/// <c>{"order_id","amount_cents","currency_code","token","idempotency_key","gateway_reference"}</c> signed
/// with <c>X-Commerce-Signature: sha256=HMAC(shared secret, body)</c> and <c>Idempotency-Key</c>; the answer is
/// <c>{"status":"approved"|"declined","reference":"…","message":"…"}</c>. A 5xx, a timeout, a gateway that cannot be
/// reached or an answer that is not JSON is no answer (the gateway may have acted: a void, capture or refund then stays
/// pending and is asked again with its key); any other answer without a status is a refusal. Messages are kept short and
/// never include the token.
/// </summary>
internal sealed class ExternalHttpGateway(HttpClient http, PaymentOptions options) : IPaymentGateway
{
    public const string Name = "external";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private ExternalGatewayOptions Settings => options.External;

    public Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken) => CallAsync(Settings.AuthorizeUrl, request, cancellationToken);
    public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) => CallAsync(Settings.VoidUrl, request, cancellationToken);
    public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) => CallAsync(Settings.CaptureUrl, request, cancellationToken);
    public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) => CallAsync(Settings.RefundUrl, request, cancellationToken);

    public async Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        if (Settings.LookupUrl is null)
            return null;
        using var timeout = Timeout(cancellationToken);
        var url = new Uri($"{Settings.LookupUrl}?idempotency_key={Uri.EscapeDataString(idempotencyKey)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        Sign(request, []);
        using var response = await http.SendAsync(request, timeout.Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        var held = await response.Content.ReadFromJsonAsync<LookupAnswer>(Json, timeout.Token);
        return held is null ? null : new GatewayAuthorization(held.Reference ?? "", held.AmountCents, held.CurrencyCode ?? "", held.Status ?? "");
    }

    private async Task<GatewayResult> CallAsync(Uri? url, GatewayRequest request, CancellationToken cancellationToken)
    {
        if (url is null)
            return GatewayResult.Failed("the external gateway has no URL for this operation");
        var body = JsonSerializer.SerializeToUtf8Bytes(new CallBody(request.OrderId, request.AmountCents, request.CurrencyCode, request.Token,
            request.IdempotencyKey, request.GatewayReference), Json);
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new("application/json");
        message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        Sign(message, body);
        using var timeout = Timeout(cancellationToken);
        try
        {
            using var response = await http.SendAsync(message, timeout.Token);
            if ((int)response.StatusCode >= 500)
                return GatewayResult.NoAnswer($"the external gateway answered {(int)response.StatusCode}");
            var answer = await ReadAnswerAsync(response, timeout.Token);
            return answer?.Status switch
            {
                "approved" => GatewayResult.Approved(answer.Reference ?? request.IdempotencyKey, Short(answer.Message)),
                "declined" => GatewayResult.Declined(Short(answer.Message) ?? "declined by the gateway"),
                // A 4xx without a decision: the gateway refused the request itself (bad signature, unknown reference…) and did nothing.
                _ when !response.IsSuccessStatusCode => GatewayResult.Failed($"the external gateway refused the request ({(int)response.StatusCode})"),
                null => GatewayResult.NoAnswer($"the external gateway's answer ({(int)response.StatusCode}) is not JSON"),
                _ => GatewayResult.NoAnswer($"the external gateway answered {(int)response.StatusCode} without a status"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return GatewayResult.NoAnswer("the external gateway did not answer in time", timedOut: true);
        }
        catch (HttpRequestException exception)
        {
            return GatewayResult.NoAnswer($"the external gateway could not be reached ({exception.HttpRequestError})");
        }
    }

    /// <summary>The answer's JSON; null when the body is not a JSON object.</summary>
    private static async Task<CallAnswer?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<CallAnswer>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Sign(HttpRequestMessage request, byte[] body)
    {
        if (Settings.SharedSecret is not { Length: > 0 } secret)
            return;
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        request.Headers.TryAddWithoutValidation("X-Commerce-Signature", "sha256=" + Convert.ToHexStringLower(signature));
        request.Headers.TryAddWithoutValidation("X-Commerce-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(Settings.TimeoutSeconds));
        return source;
    }

    private static string? Short(string? message) => message is { Length: > 200 } ? message[..200] : message;

    private sealed record CallBody(string OrderId, long AmountCents, string CurrencyCode, string? Token, string IdempotencyKey, string? GatewayReference);

    private sealed record CallAnswer(string? Status, string? Reference, string? Message);

    private sealed record LookupAnswer(
        [property: JsonPropertyName("reference")] string? Reference,
        [property: JsonPropertyName("amount_cents")] long AmountCents,
        [property: JsonPropertyName("currency_code")] string? CurrencyCode,
        [property: JsonPropertyName("status")] string? Status);
}
