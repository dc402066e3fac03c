import { Router } from 'express';
import { allowAnyRole, staffOf } from '../policy';

/** Who the bearer token belongs to: lets a client (and a person trying a demo token) check it. */
export function meRoutes(): Router {
  const router = Router();
  router.get('/me', allowAnyRole(), (_req, res) => {
    const staff = staffOf(res);
    res.json({ id: staff.id, username: staff.username, role: staff.role, county: staff.countyCode, township: staff.townshipCode, department: staff.departmentCode });
  });
  return router;
}
