// Serialises a static-embedding model as ONNX: last_hidden_state = Gather(embeddings, input_ids).

import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * Builds the ONNX bytes of a model whose output for each token is its row of `table` (rows × dims, row-major).
 * Mean pooling and normalisation are left to the transformers.js feature-extraction pipeline.
 */
export function staticEmbeddingOnnx(table: Float32Array, rows: number, dims: number): Uint8Array {
  if (table.length !== rows * dims) throw new Error(`embedding table has ${table.length} values, expected ${rows}×${dims}`);
  const TensorProto = onnx.TensorProto;
  const weights = onnx.TensorProto.create({
    name: 'embeddings',
    dims: [rows, dims],
    dataType: TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(table.buffer.slice(table.byteOffset, table.byteOffset + table.byteLength)),
  });
  const dim = (param: string) => onnx.TensorShapeProto.Dimension.create({ dimParam: param });
  const graph = onnx.GraphProto.create({
    name: 'static_embedding',
    initializer: [weights],
    node: [onnx.NodeProto.create({ opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['last_hidden_state'], name: 'lookup' })],
    input: [
      onnx.ValueInfoProto.create({
        name: 'input_ids',
        type: { tensorType: { elemType: TensorProto.DataType.INT64, shape: { dim: [dim('batch'), dim('sequence')] } } },
      }),
    ],
    output: [
      onnx.ValueInfoProto.create({
        name: 'last_hidden_state',
        type: {
          tensorType: {
            elemType: TensorProto.DataType.FLOAT,
            shape: { dim: [dim('batch'), dim('sequence'), onnx.TensorShapeProto.Dimension.create({ dimValue: dims })] },
          },
        },
      }),
    ],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'interview-tutor',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
