// Node 20 has String.prototype.isWellFormed (ES2024) but the ES2023 lib, which matches the rest of Node 20, lacks it.
interface String {
  isWellFormed(): boolean;
}
