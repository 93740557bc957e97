// Words that carry no topic in a question: function words and question scaffolding, Chinese and English.
// Intent words (优点, 缺点, 作用, 原理, 区别 …) are deliberately NOT here: they tell neighbouring sections apart.

export const STOPWORDS: ReadonlySet<string> = new Set([
  // Chinese function words and question scaffolding
  '的', '了', '是', '在', '和', '与', '及', '或', '也', '就', '都', '而', '被', '把', '对', '从', '到', '于', '以', '为',
  '这', '那', '这个', '那个', '这些', '那些', '一个', '一下', '一些', '有', '没有', '吗', '呢', '吧', '啊', '呀', '嘛', '哦', '嗯',
  '我', '你', '他', '它', '我们', '你们', '他们', '它们', '请', '下', '说说', '讲讲', '谈谈', '简单', '简要', '一', '个', '中',
  '里', '里面', '上', '能', '会', '可以', '要', '需要', '怎么', '怎样', '如何', '哪些', '什么', '啥', '吗', '么', '得', '地', '着',
  '就是', '然后', '其实', '比如', '还', '又', '很', '非常', '比较', '之', '其', '等', '等等',
  // English
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'and', 'or',
  'it', 'its', 'this', 'that', 'these', 'those', 'do', 'does', 'did', 'can', 'could', 'should', 'would', 'will', 'me', 'i',
  'you', 'we', 'they', 'my', 'your', 'how', 'what', 'which', 'who', 'please', 'tell', 'about', 'some', 'any', 'there', 'so',
  'as', 'from', 'into', 'than', 'then', 'if', 'not', 'no', 'yes', 'one', 'also', 'just', 'like', 'explain', 'briefly',
]);
