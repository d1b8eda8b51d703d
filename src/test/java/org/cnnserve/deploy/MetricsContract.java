package org.cnnserve.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cnnserve metric names that {@code /actuator/prometheus} is agreed to export, as the
 * dashboards and alerts under deploy/ may use them. A query naming anything else would draw an
 * empty panel or an alert that never fires, and nothing else would notice.
 */
final class MetricsContract {

    static final Set<String> NAMES = Set.of(
            "cnnserve_requests_total",
            "cnnserve_rejections_total",
            "cnnserve_batch_failures_total",
            "cnnserve_replica_rebuilds_total",
            "cnnserve_replica_busy_seconds_total",
            "cnnserve_replica_busy_ratio",
            "cnnserve_request_seconds_bucket",
            "cnnserve_request_seconds_count",
            "cnnserve_request_seconds_sum",
            "cnnserve_preprocess_seconds_bucket",
            "cnnserve_preprocess_seconds_count",
            "cnnserve_preprocess_seconds_sum",
            "cnnserve_queue_wait_seconds_bucket",
            "cnnserve_queue_wait_seconds_count",
            "cnnserve_queue_wait_seconds_sum",
            "cnnserve_batch_compute_seconds_bucket",
            "cnnserve_batch_compute_seconds_count",
            "cnnserve_batch_compute_seconds_sum",
            "cnnserve_batch_size_images_bucket",
            "cnnserve_batch_size_images_count",
            "cnnserve_batch_size_images_sum",
            "cnnserve_queue_depth",
            "cnnserve_queue_capacity",
            "cnnserve_inflight",
            "cnnserve_model_parameter_bytes",
            "cnnserve_model_activation_bytes",
            "cnnserve_model_offheap_bytes",
            "cnnserve_model_macs",
            "cnnserve_model_load_seconds",
            "cnnserve_model_state",
            "cnnserve_offheap_bytes",
            "cnnserve_offheap_physical_bytes",
            "cnnserve_offheap_max_bytes",
            "cnnserve_gpu_memory_used_bytes",
            "cnnserve_gpu_memory_total_bytes",
            "cnnserve_model_accuracy_top1",
            "cnnserve_model_accuracy_top5",
            "cnnserve_validation_images_per_second",
            "cnnserve_validation_last_timestamp_seconds",
            "cnnserve_model_accuracy_floor");

    // Not preceded by a name character or a colon, so that recording rules built on a metric
    // (model_version:cnnserve_request_seconds:p99_5m) are not read as the metric itself.
    private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:])cnnserve_[a-z0-9_]+");

    private MetricsContract() {
    }

    /** Every cnnserve metric name that {@code text} mentions. */
    static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The cnnserve metric names in {@code text} that the contract does not have. */
    static Set<String> unknownMetricsIn(String text) {
        Set<String> unknown = metricsIn(text);
        unknown.removeAll(NAMES);
        return unknown;
    }
}
