package org.cnnserve.imaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what an upload may cost to decode ({@code cnnserve.imaging.*}).
 *
 * @param maxUploadSize largest image accepted, raw body or multipart part
 * @param maxPixels     largest width x height accepted, checked from the header before decoding;
 *                      the default, 4096 x 4096, decodes into about 64 MB of ARGB pixels
 * @param maxSide        longest width or height accepted, checked from the header; 16384 holds
 *                       any 4096 x 4096 image and every WebP
 * @param maxAspectRatio largest longer side / shorter side accepted (64 means 64:1), checked from
 *                       the header: a 1 x 16,000,000 line has few pixels but costs seconds and
 *                       gigabytes to resample
 * @param decodeBudget   bytes that decoding and preprocessing may hold at once, over all requests;
 *                       absent: a quarter of the maximum heap
 * @param decodeWait     how long a request waits for its share of the budget before it is
 *                       answered 503 with Retry-After
 */
@ConfigurationProperties("cnnserve.imaging")
record ImagingProperties(@DefaultValue("10MB") DataSize maxUploadSize, @DefaultValue("16777216") long maxPixels,
                         @DefaultValue("16384") int maxSide, @DefaultValue("64") int maxAspectRatio,
                         DataSize decodeBudget, @DefaultValue("100ms") Duration decodeWait) {

    ImageLimits limits() {
        return new ImageLimits(maxUploadSize.toBytes(), maxPixels, maxSide, maxAspectRatio);
    }

    DecodeBudget budget() {
        long bytes = decodeBudget != null ? decodeBudget.toBytes() : Runtime.getRuntime().maxMemory() / 4;
        return new DecodeBudget(bytes, decodeWait);
    }
}
