using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Protocol;

/// <summary>
/// Every non-2xx answer is a JSON:API error document, also outside /api, for whatever reaches the service's pipeline.
/// Raw requests over a socket to the real Kestrel: HttpClient would normalise these request lines.
/// </summary>
[NonParallelizable]
public sealed class Errors_outside_the_api
{
    private ServiceProcess _service = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        _service = ServiceProcess.Start();
        await _service.WaitUntilLiveAsync();
    }

    [OneTimeTearDown]
    public async Task StopService() => await _service.DisposeAsync();

    /// <summary>Sends the bytes as they are and reads until the server closes the connection: status line, headers, body.</summary>
    private async Task<(int Status, string Headers, string Body)> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_service.BaseAddress.Host, _service.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(timeout.Token);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..split];
        return (int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), head, text[(split + 4)..]);
    }

    [TestCase("GET /no/such/page HTTP/1.1", 404, "RECORD_NOT_FOUND")]
    [TestCase("GET /api/../no/./such/page HTTP/1.1", 404, "RECORD_NOT_FOUND")]
    [TestCase("DELETE /checkout/abcdefghijkl HTTP/1.1", 405, "METHOD_NOT_ALLOWED")]
    public async Task An_empty_error_of_the_framework_becomes_a_json_api_error_document(string requestLine, int status, string code)
    {
        var (answered, headers, body) = await SendRawAsync($"{requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        Assert.That(answered, Is.EqualTo(status), headers + body);
        Assert.That(headers, Does.Contain("Content-Type: application/vnd.api+json"));
        var error = JsonNode.Parse(body)!["errors"]![0]!;
        Assert.That(error["status"]!.GetValue<string>(), Is.EqualTo(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo(code));
    }
}
