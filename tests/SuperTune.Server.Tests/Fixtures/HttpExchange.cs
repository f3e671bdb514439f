using System.Net;
using System.Text;
using System.Text.Json;

namespace SuperTune.Server.Tests.Fixtures;

/// <summary>A response read in full: status, content type and the body as text and JSON.</summary>
public sealed record HttpExchange(HttpStatusCode Status, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>Sends <paramref name="json"/> as application/json, with the API key when one is given.</summary>
    public static async Task<HttpExchange> PostAsync(HttpClient client, string path, string json, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return await SendAsync(client, request, apiKey);
    }

    public static async Task<HttpExchange> GetAsync(HttpClient client, string path, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(client, request, apiKey);
    }

    public static async Task<HttpExchange> SendAsync(HttpClient client, HttpRequestMessage request,
        string? apiKey = null)
    {
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        return new HttpExchange(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>Labels of the results of a classify response.</summary>
    public IReadOnlyList<string> ResultLabels() =>
        Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("label").GetString()!).ToList();
}
