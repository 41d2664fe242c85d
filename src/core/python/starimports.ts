/**
 * What `from m import *` binds, for standard modules whose public names are fixed: such a
 * star import is an ordinary import of those names, not an opaque cell. The lists are the
 * union over Python 3.8 to 3.13, so that no name a kernel binds is missed.
 */
// prettier-ignore
export const STAR_IMPORTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['typing', [
      'AbstractSet', 'Annotated', 'Any', 'AnyStr', 'AsyncContextManager', 'AsyncGenerator',
      'AsyncIterable', 'AsyncIterator', 'Awaitable', 'BinaryIO', 'ByteString', 'Callable',
      'ChainMap', 'ClassVar', 'Collection', 'Concatenate', 'Container', 'ContextManager',
      'Coroutine', 'Counter', 'DefaultDict', 'Deque', 'Dict', 'Final', 'ForwardRef',
      'FrozenSet', 'Generator', 'Generic', 'Hashable', 'IO', 'ItemsView', 'Iterable',
      'Iterator', 'KeysView', 'List', 'Literal', 'LiteralString', 'Mapping', 'MappingView',
      'Match', 'MutableMapping', 'MutableSequence', 'MutableSet', 'NamedTuple', 'Never',
      'NewType', 'NoDefault', 'NoReturn', 'NotRequired', 'Optional', 'OrderedDict', 'ParamSpec',
      'ParamSpecArgs', 'ParamSpecKwargs', 'Pattern', 'Protocol', 'ReadOnly', 'Required',
      'Reversible', 'Self', 'Sequence', 'Set', 'Sized', 'SupportsAbs', 'SupportsBytes',
      'SupportsComplex', 'SupportsFloat', 'SupportsIndex', 'SupportsInt', 'SupportsRound',
      'TYPE_CHECKING', 'Text', 'TextIO', 'Tuple', 'Type', 'TypeAlias', 'TypeAliasType',
      'TypeGuard', 'TypeIs', 'TypeVar', 'TypeVarTuple', 'TypedDict', 'Union', 'Unpack',
      'ValuesView', 'assert_never', 'assert_type', 'cast', 'clear_overloads',
      'dataclass_transform', 'final', 'get_args', 'get_origin', 'get_overloads',
      'get_protocol_members', 'get_type_hints', 'is_protocol', 'is_typeddict', 'no_type_check',
      'no_type_check_decorator', 'overload', 'override', 'reveal_type', 'runtime_checkable'
  ]],
  ['math', [
      'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cbrt', 'ceil', 'comb',
      'copysign', 'cos', 'cosh', 'degrees', 'dist', 'e', 'erf', 'erfc', 'exp', 'exp2', 'expm1',
      'fabs', 'factorial', 'floor', 'fma', 'fmod', 'frexp', 'fsum', 'gamma', 'gcd', 'hypot',
      'inf', 'isclose', 'isfinite', 'isinf', 'isnan', 'isqrt', 'lcm', 'ldexp', 'lgamma', 'log',
      'log10', 'log1p', 'log2', 'modf', 'nan', 'nextafter', 'perm', 'pi', 'pow', 'prod',
      'radians', 'remainder', 'sin', 'sinh', 'sqrt', 'sumprod', 'tan', 'tanh', 'tau', 'trunc',
      'ulp'
  ]]
]);
