package org.cnnserve.web.v2;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The V2 inference endpoint ({@code cnnserve.v2.*}).
 *
 * @param maxRequestSize the largest request body read, JSON header and binary data together; larger
 *                       ones are answered 413 before they are read. JSON floats take about ten bytes
 *                       each: 32 preprocessed 224x224x3 images are about 50 MB as JSON, 19 MB binary
 */
@ConfigurationProperties("cnnserve.v2")
record V2Properties(@DefaultValue("64MB") DataSize maxRequestSize) {

    V2Properties {
        if (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cnnserve.v2.max-request-size must be between 1 byte and 2 GB, was "
                    + maxRequestSize);
        }
    }
}
