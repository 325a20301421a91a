using System.Text.Json;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Commerce.UnitTests.JsonApi;

public sealed class ErrorFunnelTests
{
    private sealed class ArgumentMapper : IExceptionErrorMapper
    {
        public JsonApiException? Map(Exception exception) =>
            exception is ArgumentException argument ? JsonApiException.Invalid("/data/attributes/name", argument.Message) : null;
    }

    private static async Task<(HttpContext Context, JsonElement? Body)> RunAsync(RequestDelegate next, params IExceptionErrorMapper[] mappers)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await new ErrorFunnel(next, mappers, NullLogger<ErrorFunnel>.Instance).InvokeAsync(context);
        if (body.Length == 0)
            return (context, null);
        return (context, JsonDocument.Parse(body.ToArray()).RootElement.Clone());
    }

    private static JsonElement FirstError(JsonElement? body) => body!.Value.GetProperty("errors")[0];

    [Test]
    public async Task Turns_a_json_api_exception_into_an_errors_document()
    {
        var (context, body) = await RunAsync(_ => throw JsonApiException.BadQuery(ErrorCodes.InvalidInclude, "include", "bad"));
        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(400));
            Assert.That(context.Response.ContentType, Is.EqualTo("application/vnd.api+json"));
            Assert.That(context.Response.ContentLength, Is.GreaterThan(0));
            Assert.That(FirstError(body).GetProperty("status").GetString(), Is.EqualTo("400"));
            Assert.That(FirstError(body).GetProperty("code").GetString(), Is.EqualTo(ErrorCodes.InvalidInclude));
            Assert.That(FirstError(body).GetProperty("source").GetProperty("parameter").GetString(), Is.EqualTo("include"));
        });
    }

    [Test]
    public async Task Writes_every_error_of_the_exception()
    {
        var (context, body) = await RunAsync(_ => throw new JsonApiException([
            new ErrorObject(422, ErrorCodes.ValidationError, "t", "a", ErrorSource.AtPointer("/data/attributes/a")),
            new ErrorObject(422, ErrorCodes.InvalidField, "t", "b", ErrorSource.AtPointer("/data/attributes/b")),
        ]));
        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(422));
            Assert.That(body!.Value.GetProperty("errors").GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Asks_the_host_mappers_for_other_exceptions()
    {
        var (context, body) = await RunAsync(_ => throw new ArgumentException("name is taken"), new ArgumentMapper());
        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(422));
            Assert.That(FirstError(body).GetProperty("detail").GetString(), Is.EqualTo("name is taken"));
        });
    }

    [Test]
    public async Task An_unexpected_exception_is_a_500_without_internals()
    {
        var (context, body) = await RunAsync(_ => throw new InvalidOperationException("connection string secret=hunter2"), new ArgumentMapper());
        var text = body!.Value.GetRawText();
        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(500));
            Assert.That(FirstError(body).GetProperty("code").GetString(), Is.EqualTo(ErrorCodes.InternalServerError));
            Assert.That(text, Does.Not.Contain("hunter2"));
            Assert.That(text, Does.Not.Contain("InvalidOperationException"));
        });
    }

    [Test]
    public async Task A_too_large_body_is_a_413()
    {
        var (context, body) = await RunAsync(_ => throw new BadHttpRequestException("too large", 413));
        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(413));
            Assert.That(FirstError(body).GetProperty("code").GetString(), Is.EqualTo(ErrorCodes.PayloadTooLarge));
        });
    }

    [TestCase(404, ErrorCodes.RecordNotFound)]
    [TestCase(405, ErrorCodes.MethodNotAllowed)]
    [TestCase(415, ErrorCodes.UnsupportedMediaType)]
    [TestCase(401, ErrorCodes.Unauthorized)]
    [TestCase(403, ErrorCodes.Forbidden)]
    [TestCase(400, ErrorCodes.InvalidDataFormat)]
    [TestCase(503, ErrorCodes.InternalServerError)]
    public async Task An_empty_framework_error_gets_an_errors_document(int status, string code)
    {
        var (context, body) = await RunAsync(c => { c.Response.StatusCode = status; return Task.CompletedTask; });
        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(status));
            Assert.That(FirstError(body).GetProperty("status").GetString(), Is.EqualTo(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(FirstError(body).GetProperty("code").GetString(), Is.EqualTo(code));
        });
    }

    [TestCase(200)]
    [TestCase(204)]
    public async Task A_success_is_left_alone(int status)
    {
        var (context, body) = await RunAsync(c => { c.Response.StatusCode = status; return Task.CompletedTask; });
        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(status));
            Assert.That(body, Is.Null);
        });
    }

    [Test]
    public async Task A_client_that_went_away_gets_nothing()
    {
        using var aborted = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };
        context.Response.Body = new MemoryStream();
        await aborted.CancelAsync();
        await new ErrorFunnel(_ => throw new OperationCanceledException(), [], NullLogger<ErrorFunnel>.Instance).InvokeAsync(context);
        Assert.That(context.Response.Body.Length, Is.Zero);
    }
}
