/** Sync status, refused uploads, conflicts and photos (sync engine). */
export const sync = {
  state: {
    connecting: '正在连接服务器…',
    online: '已连接',
    offline: '离线：修改已保存在本机，联网后自动上传',
    authError: '服务器拒绝登录',
    serverError: '服务器出错，稍后自动重试',
  },
  auth: {
    wrongPassword: '用户名或密码错误，请联系区联动中心信息科核对账号（{{reason}}）',
    notMember: '此账号无权访问本站数据库，请联系区联动中心信息科开通权限（{{reason}}）',
  },
  lastSync: '上次同步：{{at}}',
  neverSynced: '尚未同步',
  pending: '待上传 {{count}} 条',
  initialProgress: '首次同步中：{{done}} / {{total}}',
  rejected: {
    title: '被服务器拒收的记录',
    pushed: '服务器拒收了这条记录：{{reason}}',
    invalid: '服务器上的记录格式不符，已隔离：{{reason}}',
    beyondLimits: '服务器上的记录超出限制，已隔离，其余记录照常同步：{{reason}}',
    unstorable: '服务器上的这条记录无法保存到本机，已隔离，其余记录照常同步：{{reason}}',
    tooLarge: '这条记录太大，服务器拒收：{{reason}}',
  },
  conflict: {
    localLost: '“{{field}}”在服务器上被更晚修改，本机的值（{{by}}，{{at}}）已保存在冲突记录中',
    serverLost: '“{{field}}”在本机被更晚修改，服务器上的值（{{by}}，{{at}}）已保存在冲突记录中',
  },
  photo: {
    notFound: '照片 {{id}} 在本机和服务器上都不存在',
    tooLarge: '照片压缩后仍有 {{size}}，超过上限 {{max}}',
    notImage: '无法读取该图片，请选择 JPEG、PNG 或 WebP 格式的照片',
  },
  /** The district server's own (English) error reasons, as a clerk reads them (core/serverReason.ts). */
  serverReasons: {
    wrongPassword: '账号或密码不正确',
    noAccess: '此账号无权访问该数据库',
    sessionExpired: '登录已过期',
    noDatabase: '服务器上没有本站的数据库',
    tooLarge: '记录超过服务器允许的大小',
    conflict: '记录已在服务器上被修改',
    timeout: '服务器答复超时',
    unavailable: '服务器暂时不可用',
    internal: '服务器内部错误',
    unreachable: '无法连接服务器，请检查网络',
    other: '服务器返回了错误',
  },
} as const;
