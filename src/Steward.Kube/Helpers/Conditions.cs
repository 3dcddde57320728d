using k8s.Models;

namespace Steward.Kube.Helpers;

/// <summary>Condition status values.</summary>
public static class ConditionStatus
{
    /// <summary>True.</summary>
    public const string True = "True";

    /// <summary>False.</summary>
    public const string False = "False";

    /// <summary>Unknown.</summary>
    public const string Unknown = "Unknown";
}

/// <summary>
/// metav1.Condition handling as apimachinery's meta.SetStatusCondition does it: one entry per type;
/// lastTransitionTime moves only when status changes; reason, message and observedGeneration are
/// updated in place.
/// </summary>
public static class Conditions
{
    /// <summary>Sets a condition; returns true when anything changed.</summary>
    public static bool Set(IList<V1Condition> conditions, string type, string status, string reason, string message,
        long? observedGeneration = null, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (status is not (ConditionStatus.True or ConditionStatus.False or ConditionStatus.Unknown))
        {
            throw new ArgumentException($"condition status must be True, False or Unknown, not '{status}'", nameof(status));
        }

        var at = TruncateToSeconds(now ?? DateTime.UtcNow);
        var existing = Find(conditions, type);
        if (existing is null)
        {
            conditions.Add(new V1Condition
            {
                Type = type,
                Status = status,
                Reason = reason,
                Message = message,
                ObservedGeneration = observedGeneration,
                LastTransitionTime = at,
            });
            return true;
        }

        var changed = false;
        if (existing.Status != status)
        {
            existing.Status = status;
            existing.LastTransitionTime = at;
            changed = true;
        }

        if (existing.Reason != reason)
        {
            existing.Reason = reason;
            changed = true;
        }

        if (existing.Message != message)
        {
            existing.Message = message;
            changed = true;
        }

        if (existing.ObservedGeneration != observedGeneration)
        {
            existing.ObservedGeneration = observedGeneration;
            changed = true;
        }

        return changed;
    }

    /// <summary>The condition of a type, or null.</summary>
    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>True when the condition exists with status True.</summary>
    public static bool IsTrue(IEnumerable<V1Condition>? conditions, string type) => Find(conditions, type)?.Status == ConditionStatus.True;

    /// <summary>True when the condition exists with status False.</summary>
    public static bool IsFalse(IEnumerable<V1Condition>? conditions, string type) => Find(conditions, type)?.Status == ConditionStatus.False;

    /// <summary>Removes the condition of a type; returns true when one was removed.</summary>
    public static bool Remove(IList<V1Condition> conditions, string type)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var c = Find(conditions, type);
        return c is not null && conditions.Remove(c);
    }

    // The API serializes lastTransitionTime with second precision; compare like with like.
    private static DateTime TruncateToSeconds(DateTime t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
