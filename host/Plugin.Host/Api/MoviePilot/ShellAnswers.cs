using Microsoft.AspNetCore.Http.HttpResults;
using Plugin.Shared.Api;

namespace Plugin.Host.Api.MoviePilot;

/// <summary>The envelopes MoviePilot's shell endpoints answer with.</summary>
internal static class ShellAnswers
{
    public static Ok<ApiEnvelope<T>> Ok<T>(T? data, string message = "") => TypedResults.Ok(ApiEnvelope.Success(data, message));

    /// <summary>
    /// MoviePilot's way of saying a feature is not there: 200 with <c>success: false</c> and a message. Its client shows
    /// the message; a 4xx would abort the page that asked.
    /// </summary>
    public static Ok<ApiEnvelope<object>> Declined(string message) => TypedResults.Ok(ApiEnvelope.Empty(false, message));
}
