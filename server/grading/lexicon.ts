// Everyday words of technical explanations, grouped by meaning, Chinese and English together (single words;
// English is matched after stripping inflections). The glossary
// covers the field's terms; these groups let "变大" meet "增大", and "keeps its size" meet "大小保持不变",
// when grading. Only generic vocabulary belongs here: anything specific to deep learning goes in the glossary.

export const LEXICON_GROUPS: readonly (readonly string[])[] = [
  ['增大', '扩大', '变大', '增加', '增多', '加大', '提高', '提升', '放大', '扩展', '变多', '更大', '越来越大', 'increase', 'enlarge', 'expand', 'grow', 'larger', 'bigger', 'raise', 'boost', 'widen', 'more'],
  ['减小', '减少', '降低', '缩小', '变小', '下降', '减弱', '更小', '变少', '越来越小', 'decrease', 'reduce', 'shrink', 'lower', 'smaller', 'fewer', 'less', 'cut', 'diminish'],
  ['保持', '维持', '不变', '保留', '保证', '不改变', 'keep', 'maintain', 'preserve', 'unchanged', 'retain', 'stay', 'remain'],
  ['相同', '一样', '相等', '同样', '一致', 'same', 'equal', 'identical', 'consistent'],
  ['不同', '各异', '不一样', 'different', 'differ', 'distinct', 'vary'],
  ['固定', '定长', '恒定', '固定长度', 'fixed', 'constant', 'fixed-length', 'fixed-size'],
  ['任意', '可变', '变长', '不固定', 'arbitrary', 'any', 'variable', 'variable-length'],
  ['大小', '尺寸', '规模', 'size', 'dimension', 'dimensions', 'shape'],
  ['输入', 'input', 'inputs'],
  ['输出', 'output', 'outputs'],
  ['层', '网络层', 'layer', 'layers'],
  ['前面', '之前', '前层', '浅层', '前一层', '靠前', 'earlier', 'previous', 'preceding', 'front', 'shallow', 'shallower', 'early'],
  ['后面', '之后', '后层', '后一层', '下一层', '深层', 'later', 'subsequent', 'next', 'deeper', 'following'],
  ['直接', '直连', '原封不动', '原样', 'directly', 'direct', 'straight', 'unchanged'],
  ['传递', '传播', '传回', '回传', '流动', '流回', '传给', '传到', '送入', '传入', 'pass', 'propagate', 'flow', 'flows', 'transmit', 'send', 'route', 'passed', 'feed'],
  ['丢失', '丢弃', '丢掉', '失去', '损失信息', '丢', '抛弃', '舍弃', 'lose', 'lost', 'discard', 'discarded', 'throw away'],
  ['信息', 'information', 'info'],
  ['位置', '坐标', '方位', 'position', 'location', 'positions', 'coordinates'],
  ['顺序', '次序', '先后', 'order', 'ordering'],
  ['计算', '运算', '算出', '求', 'compute', 'computation', 'calculate', 'calculation'],
  ['快', '更快', '加速', '加快', '速度快', '高效', 'fast', 'faster', 'speed', 'quick', 'quickly', 'accelerate', 'efficient'],
  ['慢', '缓慢', '很慢', '耗时', 'slow', 'slowly', 'slower', 'time-consuming'],
  ['插入', '填充', '补', '补齐', '补零', 'insert', 'inserts', 'fill', 'pad'],
  ['空洞', '间隔', '间隙', '空隙', '孔', 'gap', 'gaps', 'hole', 'holes', 'spacing'],
  ['覆盖', '范围', '覆盖范围', '视野', 'cover', 'covers', 'coverage', 'range', 'span', 'area'],
  ['区域', '区块', '局部区域', 'region', 'regions', 'patch', 'block'],
  ['关注', '聚焦', '注意', '看', '看到', '看得', 'attend', 'focus', 'look', 'see', 'attention to'],
  ['选择', '挑选', '筛选', '选出', '选取', 'select', 'choose', 'pick', 'filter', 'selection'],
  ['重要', '关键', '重点', 'important', 'key', 'crucial', 'essential', 'main'],
  ['平均', '均值', '均分', '平均分配', 'average', 'mean', 'averaged', 'evenly'],
  ['最大', '最大值', '最大的', 'max', 'maximum', 'largest'],
  ['最小', '最小值', 'min', 'minimum', 'smallest'],
  ['更新', '调整', '修正', 'update', 'updates', 'adjust', 'adjusts', 'refine', 'refines', 'correct'],
  ['数量', '个数', '多少', '数目', 'number', 'count', 'amount'],
  ['随机', '随即', 'random', 'randomly', 'stochastic'],
  ['概率', '可能性', 'probability', 'probabilities', 'likelihood'],
  ['长', '较长', '很长', '更长', 'long', 'longer', 'lengthy'],
  ['短', '较短', '很短', 'short', 'shorter'],
  ['依赖', '依靠', '依赖于', 'depend', 'depends', 'rely', 'relies', 'dependent'],
  ['解决', '缓解', '改善', '克服', '避免', 'solve', 'solves', 'fix', 'fixes', 'alleviate', 'mitigate', 'address', 'avoid', 'overcome'],
  ['问题', '难点', '困难', 'problem', 'problems', 'issue', 'issues', 'difficulty'],
  ['稳定', '平稳', 'stable', 'stability', 'steady'],
  ['不稳定', '抖动', '震荡', '振荡', '波动', '剧烈', '跳', 'unstable', 'oscillate', 'fluctuate', 'jump', 'jumping', 'wildly', 'noisy'],
  ['压缩', '压', '挤压', 'compress', 'compressed', 'squeeze', 'squeezes', 'compression'],
  ['向量', 'vector', 'vectors'],
  ['矩阵', 'matrix', 'matrices'],
  ['分布', 'distribution', 'distributions'],
  ['并行', '并行计算', 'parallel', 'parallelizable', 'parallelism', 'parallelize'],
  ['串行', '顺序计算', '逐步', 'sequential', 'sequentially', 'serial'],
  ['局部', 'local', 'locally'],
  ['全局', '整体', '全部', '整张', '整个', '所有', 'global', 'whole', 'entire', 'all', 'full'],
  ['组合', '结合', '合并', '融合', '拼接', 'combine', 'combines', 'combination', 'merge', 'merges', 'fuse', 'grouping', 'group'],
  ['相似', '相似度', '类似', '相近', 'similar', 'similarity', 'alike'],
  ['相邻', '邻近', '周围', 'adjacent', 'neighbouring', 'neighboring', 'neighbour', 'neighbor', 'surrounding'],
  ['层次', '分层', '层级', '逐层', 'hierarchical', 'hierarchically', 'hierarchy', 'layer by layer'],
  ['生成', '产生', '得到', 'generate', 'generates', 'produce', 'produces', 'yield', 'yields', 'give', 'gives', 'giving'],
  ['恢复', '还原', 'restore', 'recover', 'bring back'],
  ['线性', 'linear'],
  ['可微', '可导', '可微性', 'differentiable', 'differentiability'],
  ['相乘', '连乘', '乘以', '乘', 'multiply', 'multiplied', 'product'],
  ['累加', '累积', '求和', '加起来', '相加', 'accumulate', 'accumulates', 'accumulated', 'sum', 'add', 'adds'],
  ['衰减', '遗忘', '递减', 'decay', 'decaying', 'forget'],
  ['准确', '精度', '精确', '准', '准确率', 'accurate', 'accuracy', 'precise', 'precision'],
  ['内存', '显存', '存储', 'memory', 'ram'],
  ['记忆', '记住', 'memory', 'remember', 'memorize'],
  ['硬件', '设备', 'hardware', 'device', 'gpu'],
  ['样本', '样例', 'sample', 'samples', 'example', 'examples'],
  ['数据', 'data'],
  ['像素', 'pixel', 'pixels'],
  ['图片', '图像', '原图', '图', 'image', 'images', 'picture', 'photo'],
  ['边界', '边缘', '边上', 'border', 'boundary', 'boundaries', 'edge', 'edges'],
  ['中心', '中间', '中心点', 'center', 'centre', 'middle'],
  ['类别', '类', '种类', 'class', 'classes', 'category', 'categories'],
  ['尺度', '多尺度', 'scale', 'scales', 'multi-scale'],
  ['单元', '格子', 'unit', 'units', 'cell', 'cells'],
  ['门', '门控', '控制门', 'gate', 'gates', 'gating'],
  ['状态', 'state', 'states'],
  ['时刻', '时间步', '每一步', 'time step', 'timestep', 'step'],
  ['步骤', '流程', '步', 'steps', 'procedure'],
  ['重复', '迭代', '反复', '循环', 'repeat', 'repeats', 'iterate', 'loop', 'again'],
  ['直到', '直至', '一直到', 'until', 'till'],
  ['初始', '开始', '最初', 'initial', 'initially', 'start', 'beginning', 'first'],
  ['最后', '最终', '末尾', 'final', 'finally', 'last', 'end'],
  ['误差', '错误', '偏差', 'error', 'errors'],
  ['真实', '真实值', '实际', 'true', 'real', 'actual', 'target'],
  ['预测值', '输出值', 'prediction', 'predicted'],
  ['容易', '简单', '方便', 'easy', 'easier', 'simple', 'simpler'],
  ['复杂', '困难', 'complex', 'complicated', 'hard'],
  ['多个', '多种', '很多', '大量', 'many', 'multiple', 'several', 'lots', 'large amount'],
  ['单个', '一个', '单一', 'single', 'one'],
  ['每个', '每一个', '逐个', 'each', 'every', 'per'],
  ['两个', '二', '两', 'two', 'both', 'pair'],
  ['三个', '三', 'three'],
  ['独立', '无关', '互不影响', 'independent', 'independently', 'unrelated'],
  ['有关', '相关', '关联', '联系', 'related', 'relevant', 'correlated', 'associated'],
  ['映射', '对应', '投影', 'map', 'maps', 'mapped', 'mapping', 'correspond', 'corresponding', 'project', 'projected'],
  ['监督', '标注', 'supervised', 'supervision', 'labeled', 'labelled'],
  ['无监督', '无标注', 'unsupervised', 'unlabeled', 'unlabelled'],
  ['表达能力', '表示能力', '表征能力', 'expressive', 'expressiveness', 'capacity', 'representational power'],
  ['丰富', '更多信息', 'richer', 'rich'],
  ['加入', '引入', '添加', '加上', '增设', 'add', 'added', 'adds', 'introduce', 'introduces', 'introduced', 'include', 'includes'],
  ['去掉', '去除', '移除', '删除', '删掉', '取消', '换掉', 'remove', 'removes', 'removed', 'drop', 'drops', 'dropped', 'eliminate', 'delete'],
];

/**
 * Pairs of words whose meanings exclude each other when said of the same thing. Each word stands for its
 * glossary set or everyday-word group, so "变小" against "保持不变" or "下采样" against "上采样" is found.
 */
export const ANTONYMS: readonly (readonly [string, string])[] = [
  ['增大', '减小'],
  ['保持', '增大'],
  ['保持', '减小'],
  ['相同', '不同'],
  ['固定', '任意'],
  ['快', '慢'],
  ['稳定', '不稳定'],
  ['并行', '串行'],
  ['局部', '全局'],
  ['监督', '无监督'],
  ['有关', '独立'],
  ['最大', '最小'],
  ['容易', '复杂'],
  ['长', '短'],
  ['加入', '去掉'],
  ['上采样', '下采样'],
  ['线性', '非线性'],
  ['单阶段', '两阶段'],
];

let index: Map<string, number[]> | undefined;

/** Group ids of a normalised word (lowercase for English), or none. */
export function lexiconGroups(word: string): number[] {
  if (!index) {
    index = new Map();
    LEXICON_GROUPS.forEach((group, id) => {
      for (const w of group) index!.set(w.toLowerCase(), [...(index!.get(w.toLowerCase()) ?? []), id]);
    });
  }
  const direct = index.get(word);
  if (direct) return direct;
  if (/^[a-z]/.test(word)) for (const stem of englishStems(word)) {
    const hit = index.get(stem);
    if (hit) return hit;
  }
  return [];
}

/** Candidate base forms of an inflected English word: "enlarges" → enlarge, "propagated" → propagate. */
function englishStems(word: string): string[] {
  const out: string[] = [];
  const cut = (suffix: string, add = '') => {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) out.push(word.slice(0, -suffix.length) + add);
  };
  cut('ies', 'y');
  cut('es');
  cut('s');
  cut('ed');
  cut('ed', 'e');
  cut('d');
  cut('ing');
  cut('ing', 'e');
  cut('ly');
  cut('er');
  cut('est');
  return out;
}
