using Commerce.Domain.Common;

namespace Commerce.Api.Authentication;

/// <summary>The kinds of caller, as Commerce Layer has them.</summary>
public static class ApplicationKinds
{
    /// <summary>Back offices and integrations: a client id and secret; may do everything.</summary>
    public const string Integration = "integration";
    /// <summary>Storefronts and checkout pages: a client id (and a secret only when it is confidential).</summary>
    public const string SalesChannel = "sales_channel";

    public static readonly string[] All = [Integration, SalesChannel];
}

/// <summary>An OAuth client of the API. Its secret is stored only as a hash.</summary>
public sealed class ApplicationClient : Entity
{
    private ApplicationClient() => Name = Kind = ClientId = string.Empty;

    public ApplicationClient(string name, string kind, string clientId, string? secretHash)
    {
        Name = name;
        Kind = kind;
        ClientId = clientId;
        SecretHash = secretHash;
    }

    public string Name { get; private set; }
    public string Kind { get; private set; }
    public string ClientId { get; private set; }
    /// <summary>Null for a public sales channel (client id only).</summary>
    public string? SecretHash { get; private set; }

    public bool IsPublic => SecretHash is null;
}
