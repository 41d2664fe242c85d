import { LabIcon } from '@jupyterlab/ui-components';

import freshSvgstr from '../../style/icons/fresh.svg';

export const freshIcon = new LabIcon({
  name: 'jupyterlab-fresh:fresh',
  svgstr: freshSvgstr
});
