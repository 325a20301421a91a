using System.Text.Json;

namespace Commerce.JsonApi.Resources;

/// <summary>The one naming policy of the API: member names are snake_case.</summary>
public static class NamingPolicy
{
    public static readonly JsonNamingPolicy Policy = JsonNamingPolicy.SnakeCaseLower;

    public static string ToMemberName(string clrName) => Policy.ConvertName(clrName);
}
