using System.Security.Cryptography;
using Commerce.Api.Persistence;
using Commerce.Api.Webhooks;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Resources;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Webhooks;

internal sealed class WebhookHandler(CommerceDbContext db, IValidator<Webhook> validator) : EntityHandler<Webhook>(db, validator)
{
    /// <summary>Integrations only (the access policy); no row scope.</summary>
    public override bool HidesNothing => true;

    protected override Task<Webhook> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("topic", "callback_url");
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var webhook = new Webhook(input.Attributes.GetValueOrDefault("name") as string ?? (string)input.Attributes["topic"]!,
            (string)input.Attributes["topic"]!, (string)input.Attributes["callback_url"]!, secret);
        return Task.FromResult(webhook);
    }

    protected override Task ApplyAsync(Webhook resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.TryGetAttribute<List<string>?>("include_resources", out var include))
            resource.IncludeResources = include ?? [];
        if (input.HasTrigger(WebhooksResource.ResetCircuit))
            resource.ResetCircuit();
        return Task.CompletedTask;
    }
}

internal sealed class WebhookValidator : AbstractValidator<Webhook>
{
    public WebhookValidator(Commerce.JsonApi.Resources.ResourceGraph graph)
    {
        RuleFor(w => w.Name).NotEmpty().MaximumLength(256);
        RuleFor(w => w.Topic).Must(t => WebhookTopics.All.Contains(t)).WithMessage($"topic must be one of {string.Join(", ", WebhookTopics.All)}.");
        RuleFor(w => w.CallbackUrl).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage("callback_url must be an absolute http(s) URL.");
        RuleForEach(w => w.IncludeResources).Must((webhook, path) => IsIncludable(graph, WebhookTopics.ResourceTypeOf(webhook.Topic), path))
            .WithMessage((webhook, path) => $"'{path}' is not a relationship path of {WebhookTopics.ResourceTypeOf(webhook.Topic)}.");
    }

    private static bool IsIncludable(Commerce.JsonApi.Resources.ResourceGraph graph, string type, string path)
    {
        var resource = graph.Find(type);
        foreach (var segment in path.Split('.'))
        {
            var relationship = resource?.FindRelationship(segment);
            if (relationship is null)
                return false;
            resource = graph.Find(relationship.TargetTypes[0]);
        }
        return true;
    }
}

internal sealed class EventCallbackHandler(CommerceDbContext db) : ReadOnlyHandler<EventCallback>("the webhook sender")
{
    /// <summary>Integrations only (the access policy); no row scope.</summary>
    public override bool HidesNothing => true;

    public override IQueryable<EventCallback> Query() => db.EventCallbacks;
}
