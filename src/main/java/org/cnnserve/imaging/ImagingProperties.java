package org.cnnserve.imaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what an upload may cost to decode ({@code cnnserve.imaging.*}).
 *
 * @param maxUploadSize largest image accepted, raw body or multipart part
 * @param maxPixels     largest width x height accepted, checked from the header before decoding;
 *                      the default, 4096 x 4096, decodes into about 64 MB of ARGB pixels
 */
@ConfigurationProperties("cnnserve.imaging")
record ImagingProperties(@DefaultValue("10MB") DataSize maxUploadSize, @DefaultValue("16777216") long maxPixels) {

    ImageLimits limits() {
        return new ImageLimits(maxUploadSize.toBytes(), maxPixels);
    }
}
