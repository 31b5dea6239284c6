import { describe, expect, it } from 'vitest';
import { serverReasonText } from '../../../core/serverReason';
import { INITIAL_STATUS, StatusPublisher, watchConnection } from '../../../sync/status';
import { BehaviorSubject } from 'rxjs';
import type { Connection } from '../../../sync/connection';

describe('a server error reason, as a clerk reads it', () => {
  it('CouchDB’s own English reasons come out in Chinese', () => {
    expect(serverReasonText('Name or password is incorrect.')).toBe('账号或密码不正确');
    expect(serverReasonText('You are not authorized to access this db.')).toBe('此账号无权访问该数据库');
    expect(serverReasonText('You are not allowed to access this db.')).toBe('此账号无权访问该数据库');
    expect(serverReasonText('Database does not exist.')).toBe('服务器上没有本站的数据库');
    expect(serverReasonText('server: 503 Service Unavailable')).toBe('服务器暂时不可用');
    expect(serverReasonText('TypeError: Failed to fetch')).toBe('无法连接服务器，请检查网络');
    expect(serverReasonText('something nobody foresaw')).toBe('服务器返回了错误');
    expect(serverReasonText(null)).toBe('服务器返回了错误');
  });

  it('a reason already in Chinese (the write rules’ messages) is kept as it is', () => {
    expect(serverReasonText('只有工单的当前承办单位可以修改工单')).toBe('只有工单的当前承办单位可以修改工单');
  });

  it('a refused login reads in Chinese to its end', () => {
    const status = new StatusPublisher();
    const connection = {
      state$: new BehaviorSubject('authError'),
      authError$: new BehaviorSubject({ status: 401, reason: 'Name or password is incorrect.' }),
      serverError$: new BehaviorSubject(null),
    } as unknown as Connection;
    const watching = watchConnection(status, connection);
    expect(status.value.authError?.message).toBe('用户名或密码错误，请联系区联动中心信息科核对账号（账号或密码不正确）');
    expect(status.value.authError?.message).not.toMatch(/[A-Za-z]/);
    expect(status.value.authError?.reason).toBe('Name or password is incorrect.');
    watching.unsubscribe();
    expect(INITIAL_STATUS.authError).toBeNull();
  });
});
