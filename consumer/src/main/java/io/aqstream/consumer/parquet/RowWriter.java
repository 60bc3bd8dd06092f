package io.aqstream.consumer.parquet;

import java.io.Closeable;
import java.io.IOException;
import org.apache.avro.generic.GenericRecord;

/** Rows into one file: what a partition's writer needs of the file format. */
public interface RowWriter extends Closeable {
    void write(GenericRecord row) throws IOException;

    /** Bytes written plus bytes buffered: what the file would roughly weigh if closed now. */
    long dataSize();
}
